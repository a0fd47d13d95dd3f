using Grpc.Core;
using Kyodo.Budget.Data;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Grpc;

public sealed partial class BudgetGrpcService
{
    public override async Task<ReserveResponse> Reserve(ReserveRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        Idempotency.ValidateKey(v, request.IdempotencyKey);
        var lineId = v.Id(request.BudgetLineId, "budget_line_id");
        v.Check(request.AmountYen > 0, "amount_yen", "must be more than 0 yen").MaxLength(request.Purpose, 300, "purpose");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var line = await LockLineAsync(lineId, context, ct);
        if (await db.FindAnswerAsync(line.MunicipalityCode, request.IdempotencyKey, nameof(Reserve), request, ReserveResponse.Parser, ct) is { } answered) return answered;

        var now = clock.GetUtcNowForStorage();
        line.Reserve(request.AmountYen);
        var reservation = new Domain.Reservation(Guid.CreateVersion7(now), line.Id, request.Purpose.Trim(), request.AmountYen, now);
        db.Reservations.Add(reservation);
        db.AddIntegrationEvent(new FundsReserved(Guid.NewGuid(), now, line.MunicipalityCode, line.Id, reservation.Id, reservation.Purpose,
            reservation.AmountYen, line.AvailableYen));
        var response = new ReserveResponse { Reservation = reservation.ToMessage(), AvailableYen = line.AvailableYen };
        db.RememberAnswer(line.MunicipalityCode, request.IdempotencyKey, nameof(Reserve), request, response, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return response;
    }

    public override async Task<CommitResponse> Commit(CommitRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        Idempotency.ValidateKey(v, request.IdempotencyKey);
        var reservationId = v.Id(request.ReservationId, "reservation_id");
        v.Check(request.AmountYen >= 0, "amount_yen", "must not be negative").ThrowIfInvalid();
        var ct = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (line, reservation) = await LockReservationAsync(reservationId, context, ct);
        if (await db.FindAnswerAsync(line.MunicipalityCode, request.IdempotencyKey, nameof(Commit), request, CommitResponse.Parser, ct) is { } answered) return answered;

        var now = clock.GetUtcNowForStorage();
        reservation.Commit(line, request.AmountYen, now);
        db.AddIntegrationEvent(new FundsCommitted(Guid.NewGuid(), now, line.MunicipalityCode, line.Id, reservation.Id,
            reservation.CommittedYen, reservation.AmountYen - reservation.CommittedYen, line.AvailableYen));
        var response = new CommitResponse { Reservation = reservation.ToMessage() };
        db.RememberAnswer(line.MunicipalityCode, request.IdempotencyKey, nameof(Commit), request, response, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return response;
    }

    public override async Task<ReleaseResponse> Release(ReleaseRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        Idempotency.ValidateKey(v, request.IdempotencyKey);
        var reservationId = v.Id(request.ReservationId, "reservation_id");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (line, reservation) = await LockReservationAsync(reservationId, context, ct);
        if (await db.FindAnswerAsync(line.MunicipalityCode, request.IdempotencyKey, nameof(Release), request, ReleaseResponse.Parser, ct) is { } answered) return answered;

        var now = clock.GetUtcNowForStorage();
        reservation.Release(line, now);
        db.AddIntegrationEvent(new FundsReleased(Guid.NewGuid(), now, line.MunicipalityCode, line.Id, reservation.Id, reservation.AmountYen, line.AvailableYen));
        var response = new ReleaseResponse { Reservation = reservation.ToMessage() };
        db.RememberAnswer(line.MunicipalityCode, request.IdempotencyKey, nameof(Release), request, response, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return response;
    }

    public override async Task<GetReservationsResponse> GetReservations(GetReservationsRequest request, ServerCallContext context)
    {
        var lineId = RequestValidation.RequireId(request.BudgetLineId, "budget_line_id");
        var ct = context.CancellationToken;
        var line = await db.BudgetLines.AsNoTracking().Reachable(context.Access(), l => l.MunicipalityCode).SingleOrDefaultAsync(l => l.Id == lineId, ct)
            ?? throw new NotFoundException("budget line", request.BudgetLineId);
        var reservations = await db.Reservations.AsNoTracking().Where(r => r.LineId == lineId).OrderBy(r => r.Id).ToListAsync(ct);

        var response = new GetReservationsResponse { ReservedYen = line.ReservedYen, CommittedYen = line.CommittedYen, AvailableYen = line.AvailableYen };
        response.Reservations.AddRange(reservations.Select(r => r.ToMessage()));
        return response;
    }

    public override async Task<ListReservationsResponse> ListReservations(ListReservationsRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var page = Paging.Read(request.Page, v);
        v.ThrowIfInvalid();

        // Reservations hold no municipality of their own: they belong to their line's.
        var lines = db.BudgetLines.Where(l => l.MunicipalityCode == request.MunicipalityCode);
        var reservations = db.Reservations.AsNoTracking().Where(r => lines.Any(l => l.Id == r.LineId));
        if (page.After is { } after) reservations = reservations.Where(r => r.Id.CompareTo(after) > 0);
        var found = await reservations.OrderBy(r => r.Id).Take(page.Size + 1).ToListAsync(context.CancellationToken);

        var response = new ListReservationsResponse { Page = Paging.Next(found, page.Size, r => r.Id) };
        response.Reservations.AddRange(found.Take(page.Size).Select(r => r.ToMessage()));
        return response;
    }

    /// <summary>
    /// The line, row-locked until the transaction ends: concurrent reservations on one line
    /// queue here, so exactly those that fit succeed.
    /// </summary>
    private async Task<Domain.BudgetLine> LockLineAsync(Guid lineId, ServerCallContext context, CancellationToken ct)
    {
        var access = context.Access();
        // Out of reach answers as missing, before anything is locked.
        var owner = await db.BudgetLines.Reachable(access, l => l.MunicipalityCode).Where(l => l.Id == lineId)
            .Select(l => new { l.ItemId, l.MunicipalityCode }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("budget line", lineId.ToString());
        // The item's current lead is asked before the lock, so no row stays locked while plan answers.
        var item = access.IsDepartmentLimited ? await planItems.GetAsync(owner.ItemId, owner.MunicipalityCode, ct) : null;
        // Lock first, then read: under READ COMMITTED the read after the lock sees the state
        // the previous holder committed. (Reading through FromSql would miss xmin.)
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM budget_lines WHERE id = {lineId} FOR UPDATE").ToListAsync(ct);
        if (locked.Count == 0) throw new NotFoundException("budget line", lineId.ToString());
        var line = await db.BudgetLines.SingleAsync(l => l.Id == lineId, ct);
        if (item is not null) await EnsureOwnsLineAsync(line, item, context, ct);
        return line;
    }

    private async Task<(Domain.BudgetLine Line, Domain.Reservation Reservation)> LockReservationAsync(Guid reservationId, ServerCallContext context, CancellationToken ct)
    {
        var access = context.Access();
        var lines = db.BudgetLines.Reachable(access, l => l.MunicipalityCode);
        var lineId = await db.Reservations.Where(r => r.Id == reservationId && lines.Any(l => l.Id == r.LineId))
            .Select(r => (Guid?)r.LineId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("reservation", reservationId.ToString());
        var line = await LockLineAsync(lineId, context, ct);
        var reservation = await db.Reservations.SingleAsync(r => r.Id == reservationId, ct);
        return (line, reservation);
    }
}
