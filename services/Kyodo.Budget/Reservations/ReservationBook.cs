using Kyodo.Budget.Data;
using Kyodo.Budget.Grpc;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Reservations;

/// <summary>
/// The money subsidies hold against lines: reserving, committing and releasing, each with its
/// event and the answer a retry under the same idempotency key gets. The calls (Reserve, Commit,
/// Release) and the subsidy service's money-step messages (SubsidyMoneyStepsConsumer) both go
/// through here, inside a transaction that holds the line's row lock (<see cref="LockLineAsync"/>).
/// </summary>
public sealed class ReservationBook(BudgetDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The line, row-locked until the transaction ends and read in the same statement: concurrent
    /// reservations on one line queue here, so exactly those that fit succeed. NOT_FOUND when it is
    /// gone or, for a caller limited to <paramref name="municipalityScope"/>, another municipality's
    /// (worded as missing, like every out-of-reach record).
    /// </summary>
    public async Task<Domain.BudgetLine> LockLineAsync(Guid lineId, string? municipalityScope, CancellationToken ct)
    {
        // One round trip: under READ COMMITTED, FOR UPDATE returns the row as the previous holder of the lock committed it.
        var lines = db.BudgetLines.Where(l => l.Id == lineId);
        if (municipalityScope is not null) lines = lines.Where(l => l.MunicipalityCode == municipalityScope);
        return await lines.ForUpdate().SingleOrDefaultAsync(ct) ?? throw new NotFoundException("budget line", lineId.ToString());
    }

    /// <summary>The line, row-locked (<see cref="LockLineAsync(Guid, string?, CancellationToken)"/>), for a caller who reaches every
    /// municipality.</summary>
    public Task<Domain.BudgetLine> LockLineAsync(Guid lineId, CancellationToken ct) => LockLineAsync(lineId, null, ct);

    public ReserveResponse Reserve(Domain.BudgetLine line, ReserveRequest request)
    {
        var now = clock.GetUtcNowForStorage();
        line.Reserve(request.AmountYen);
        var reservation = new Domain.Reservation(Guid.CreateVersion7(now), line.Id, request.Purpose.Trim(), request.AmountYen, now);
        db.Reservations.Add(reservation);
        db.AddIntegrationEvent(new FundsReserved(Guid.NewGuid(), now, line.MunicipalityCode, line.Id, reservation.Id, reservation.Purpose,
            reservation.AmountYen, line.AvailableYen));
        var response = new ReserveResponse { Reservation = reservation.ToMessage(), AvailableYen = line.AvailableYen };
        db.RememberAnswer(line.MunicipalityCode, request.IdempotencyKey, nameof(Reserve), request, response, now);
        return response;
    }

    public CommitResponse Commit(Domain.BudgetLine line, Domain.Reservation reservation, CommitRequest request)
    {
        var now = clock.GetUtcNowForStorage();
        reservation.Commit(line, request.AmountYen, now);
        db.AddIntegrationEvent(new FundsCommitted(Guid.NewGuid(), now, line.MunicipalityCode, line.Id, reservation.Id,
            reservation.CommittedYen, reservation.AmountYen - reservation.CommittedYen, line.AvailableYen));
        var response = new CommitResponse { Reservation = reservation.ToMessage() };
        db.RememberAnswer(line.MunicipalityCode, request.IdempotencyKey, nameof(Commit), request, response, now);
        return response;
    }

    public ReleaseResponse Release(Domain.BudgetLine line, Domain.Reservation reservation, ReleaseRequest request)
    {
        var now = clock.GetUtcNowForStorage();
        var response = Release(line, reservation, now);
        db.RememberAnswer(line.MunicipalityCode, request.IdempotencyKey, nameof(Release), request, response, now);
        return response;
    }

    /// <summary>
    /// Undoes what Reserve did, or would do, under <paramref name="reserveKey"/> on a locked line: the
    /// reservation it made is released (when still open); when it made none, the key is closed, so
    /// a Reserve with it arriving later is refused (RESERVATION_ABANDONED) instead of holding money
    /// for an award that does not exist. Repeating it changes nothing.
    /// </summary>
    public async Task AbandonReserveAsync(Domain.BudgetLine line, string reserveKey, CancellationToken ct)
    {
        var record =
            await db.IdempotencyRecords.SingleOrDefaultAsync(r => r.MunicipalityCode == line.MunicipalityCode && r.Key == reserveKey, ct);
        if (record is null)
        {
            db.CloseKey(line.MunicipalityCode, reserveKey, clock.GetUtcNowForStorage());
            return;
        }
        if (record.Operation != nameof(Reserve)) return; // closed already, or never a reservation's key
        var reservationId = Guid.Parse(ReserveResponse.Parser.ParseFrom(record.Response).Reservation.Id);
        var reservation = await db.Reservations.SingleAsync(r => r.Id == reservationId, ct);
        if (reservation.Status == Domain.ReservationStatus.Reserved) Release(line, reservation, clock.GetUtcNowForStorage());
    }

    private ReleaseResponse Release(Domain.BudgetLine line, Domain.Reservation reservation, DateTimeOffset now)
    {
        reservation.Release(line, now);
        db.AddIntegrationEvent(new FundsReleased(Guid.NewGuid(), now, line.MunicipalityCode, line.Id, reservation.Id, reservation.AmountYen,
            line.AvailableYen));
        return new ReleaseResponse { Reservation = reservation.ToMessage() };
    }
}
