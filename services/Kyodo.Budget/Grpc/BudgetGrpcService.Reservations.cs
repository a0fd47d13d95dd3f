using Grpc.Core;
using Kyodo.Budget.Data;
using Kyodo.Budget.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Grpc;

public sealed partial class BudgetGrpcService
{
    public override async Task<ReserveResponse> Reserve(ReserveRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        BudgetInputs.ValidateIdempotencyKey(v, request.IdempotencyKey);
        var lineId = v.Id(request.BudgetLineId, "budget_line_id");
        v.Check(request.AmountYen > 0, "amount_yen", SharedMessages.MoreThanZeroYen).MaxLength(request.Purpose, 300, "purpose");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        // Who may act is known before the transaction opens: no lock waits on a question to the plan service.
        var item = await OwnershipOfLineAsync(lineId, context, ct);
        string? municipality = null;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var line = await reservations.LockLineAsync(lineId, context.Access().MunicipalityScope, ct);
            municipality = line.MunicipalityCode;
            await EnsureOwnsLineAsync(line, item, context, ct);

            await failpoints.ReachedAsync("budget.reserve.locked");
            var response = reservations.Reserve(line, request);
            await db.SaveChangesAsync(ct); // with the key's record: a key used before fails here
            await transaction.CommitAsync(ct);
            await failpoints.ReachedAsync("budget.reserve.committed");
            return response;
        }
        catch (Exception failure) when (municipality is not null && Idempotency.MayHaveBeenUsedBefore(failure))
        {
            // A retry (or a key's reuse): the first call's answer, or the reason the key is refused.
            if (await db.AnswerOfKeyUsedBeforeAsync(municipality, request.IdempotencyKey, nameof(Reserve), request, ReserveResponse.Parser,
                ct) is { } first)
                return first;
            throw;
        }
    }

    public override async Task<CommitResponse> Commit(CommitRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        BudgetInputs.ValidateIdempotencyKey(v, request.IdempotencyKey);
        var reservationId = v.Id(request.ReservationId, "reservation_id");
        v.Check(request.AmountYen >= 0, "amount_yen", SharedMessages.MustNotBeNegative).ThrowIfInvalid();
        var ct = context.CancellationToken;

        var (lineId, item) = await OwnershipOfReservationAsync(reservationId, context, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (line, reservation) = await LockReservationAsync(lineId, reservationId, item, context, ct);
        if (await db.FindAnswerAsync(line.MunicipalityCode, request.IdempotencyKey, nameof(Commit), request, CommitResponse.Parser,
            ct) is { } answered) return answered;

        var response = reservations.Commit(line, reservation, request);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await failpoints.ReachedAsync("budget.commit.committed");
        return response;
    }

    public override async Task<ReleaseResponse> Release(ReleaseRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        BudgetInputs.ValidateIdempotencyKey(v, request.IdempotencyKey);
        var reservationId = v.Id(request.ReservationId, "reservation_id");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        var (lineId, item) = await OwnershipOfReservationAsync(reservationId, context, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (line, reservation) = await LockReservationAsync(lineId, reservationId, item, context, ct);
        if (await db.FindAnswerAsync(line.MunicipalityCode, request.IdempotencyKey, nameof(Release), request, ReleaseResponse.Parser,
            ct) is { } answered) return answered;

        var response = reservations.Release(line, reservation, request);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return response;
    }

    public override async Task<GetReservationsResponse> GetReservations(GetReservationsRequest request, ServerCallContext context)
    {
        var lineId = RequestValidation.RequireId(request.BudgetLineId, "budget_line_id");
        var ct = context.CancellationToken;
        var line = await db.BudgetLines.AsNoTracking().Reachable(context.Access(), l => l.MunicipalityCode)
            .SingleOrDefaultAsync(l => l.Id == lineId, ct)
            ?? throw new NotFoundException("budget line", request.BudgetLineId);
        var reservations = await db.Reservations.AsNoTracking().Where(r => r.LineId == lineId).OrderBy(r => r.Id).ToListAsync(ct);

        var response = new GetReservationsResponse
        {
            ReservedYen = line.ReservedYen, CommittedYen = line.CommittedYen,
            AvailableYen = line.AvailableYen
        };
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
    /// For a department-limited caller, whose the line is, before anything is locked: NOT_FOUND when
    /// out of reach (as missing), else its item as known now (see <see cref="ItemForOwnershipAsync"/>).
    /// Null, without a query, for a caller who may act on any line it reaches: the locking read checks the reach.
    /// </summary>
    private async Task<Plans.PlanItemInfo?> OwnershipOfLineAsync(Guid lineId, ServerCallContext context, CancellationToken ct)
    {
        if (!context.Access().IsDepartmentLimited) return null;
        var owner = await db.BudgetLines.Reachable(context.Access(), l => l.MunicipalityCode).Where(l => l.Id == lineId)
            .Select(l => new { l.ItemId, l.MunicipalityCode }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("budget line", lineId.ToString());
        return await ItemForOwnershipAsync(owner.ItemId, owner.MunicipalityCode, context, ct);
    }

    /// <summary>The reservation's line and whose it is (as <see cref="OwnershipOfLineAsync"/>), before anything is locked.</summary>
    private async Task<(Guid LineId, Plans.PlanItemInfo? Item)> OwnershipOfReservationAsync(Guid reservationId, ServerCallContext context,
        CancellationToken ct)
    {
        var lines = db.BudgetLines.Reachable(context.Access(), l => l.MunicipalityCode);
        var lineId = await db.Reservations.Where(r => r.Id == reservationId && lines.Any(l => l.Id == r.LineId))
            .Select(r => (Guid?)r.LineId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("reservation", reservationId.ToString());
        return (lineId, await OwnershipOfLineAsync(lineId, context, ct));
    }

    /// <summary>The reservation with its line row-locked, the caller's ownership of the line checked.</summary>
    private async Task<(Domain.BudgetLine Line, Domain.Reservation Reservation)> LockReservationAsync(Guid lineId, Guid reservationId,
        Plans.PlanItemInfo? item, ServerCallContext context, CancellationToken ct)
    {
        var line = await reservations.LockLineAsync(lineId, ct);
        await EnsureOwnsLineAsync(line, item, context, ct);
        var reservation = await db.Reservations.SingleAsync(r => r.Id == reservationId, ct);
        return (line, reservation);
    }
}
