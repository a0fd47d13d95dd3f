using Kyodo.Budget.Data;
using Kyodo.Budget.Grpc;
using Kyodo.Budget.Reservations;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Subsidy;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Consumers;

/// <summary>
/// What the subsidy service could not finish or undo by calling (the answer was lost, or it crashed
/// half-way): it records the step with its outbox and sends it here (queue <see cref="MoneyStepQueue.Name"/>).
/// Each is applied at most once (the inbox) under the line's row lock, like the calls it stands for,
/// and by the same idempotency keys, so it meets whatever the lost call did.
/// </summary>
public sealed class SubsidyMoneyStepsConsumer(BudgetDbContext db, ReservationBook reservations) :
    IConsumer<AwardAbandoned>, IConsumer<SettlementRecorded>
{
    public Task Consume(ConsumeContext<AwardAbandoned> context) =>
        Inbox.ConsumeOnceAsync(db, context, nameof(SubsidyMoneyStepsConsumer), async ct =>
    {
        var message = context.Message;
        // A line deleted since could not have held the reservation (a line with reservations is never
        // deleted), and a Reserve on it now finds no line: nothing to undo.
        if (!await db.BudgetLines.AnyAsync(l => l.Id == message.BudgetLineId && l.MunicipalityCode == message.MunicipalityCode, ct)) return;
        var line = await reservations.LockLineAsync(message.BudgetLineId, ct);
        await reservations.AbandonReserveAsync(line, message.ReservationKey, ct);
    });

    public Task Consume(ConsumeContext<SettlementRecorded> context) =>
        Inbox.ConsumeOnceAsync(db, context, nameof(SubsidyMoneyStepsConsumer), async ct =>
    {
        var message = context.Message;
        var lineId = await db.Reservations.Where(r => r.Id == message.ReservationId).Select(r => (Guid?)r.LineId).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException(
                $"Settlement of application {message.ApplicationId}: reservation {message.ReservationId} does not exist.");
        var line = await reservations.LockLineAsync(lineId, ct);
        var reservation = await db.Reservations.SingleAsync(r => r.Id == message.ReservationId, ct);
        // The same request the subsidy service's Commit call carried: a commit that call made is found by its key and hash.
        var request = new CommitRequest
        {
            IdempotencyKey = message.CommitKey, ReservationId = message.ReservationId.ToString(),
            AmountYen = message.SettledYen
        };
        if (await db.FindAnswerAsync(line.MunicipalityCode, request.IdempotencyKey, nameof(BudgetGrpcService.Commit), request,
            CommitResponse.Parser, ct) is not null) return;
        // A refusal (the reservation was released by hand meanwhile) throws: after the retries the
        // message waits in the error queue for someone to look, rather than being dropped.
        reservations.Commit(line, reservation, request);
    });
}
