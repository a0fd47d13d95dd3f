using Grpc.Core;
using Kyodo.Budget.Consumers;
using Kyodo.Budget.V1;
using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Subsidy;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

// What the subsidy service could not finish or undo by calling reaches the budget service as a
// message on its queue: an abandoned award (release what its key reserved, or close the key) and a
// settlement recorded without Commit's answer (commit once by its key). Each applies once.
public sealed class MoneyStepMessagesTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    private const string Home = "99217";

    private async Task<BudgetLine> LineAsync()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, $"市民活動支援事業 {Guid.NewGuid():N}", "企画課", Home);
        return (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 1_000_000, GeneralRevenueYen = 1_000_000 }
        })).Line;
    }

    private async Task SendTwiceAsync<T>(T message) where T : class, IIntegrationEvent
    {
        await using var subsidy = await TestPublisher.StartAsync(system.VirtualHost);
        // A redelivery carries the same message id: the inbox applies it once.
        await subsidy.SendAsync(MoneyStepQueue.Name, message, message.EventId);
        await subsidy.SendAsync(MoneyStepQueue.Name, message, message.EventId);
    }

    private Task<GetReservationsResponse> HeldAsync(BudgetLine line, Func<GetReservationsResponse, bool> done, string what) =>
        Eventually.ReachesAsync(
            () => system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line.Id }).ResponseAsync, done, what);

    [Fact]
    public void EveryEventSentToTheBudgetsQueueHasAConsumerThere()
    {
        var sent = typeof(IIntegrationEvent).Assembly.GetTypes().Where(t => IntegrationEventTypes.DestinationOf(t) == MoneyStepQueue.Name)
            .ToList();
        var consumed = typeof(SubsidyMoneyStepsConsumer).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)).Select(i => i.GetGenericArguments()[0]);
        Assert.Equal([typeof(AwardAbandoned), typeof(SettlementRecorded)], sent.OrderBy(t => t.Name));
        Assert.Equal(sent.OrderBy(t => t.Name), consumed.OrderBy(t => t.Name));
    }

    [Fact]
    public async Task AnAbandonedAwardsReservationIsReleasedOnceAndItsKeyAnswersTheReleasedReservation()
    {
        var line = await LineAsync();
        const string key = "subsidy-award-crashed";
        var reserved = await system.Budgets.ReserveAsync(
            new ReserveRequest { IdempotencyKey = key, BudgetLineId = line.Id, AmountYen = 300_000, Purpose = "award" });

        await SendTwiceAsync(new AwardAbandoned(Guid.NewGuid(), DateTimeOffset.UtcNow, Home, Guid.NewGuid(), Guid.Parse(line.Id), key));

        var held = await HeldAsync(line, h => h.ReservedYen == 0, "the reservation released");
        Assert.Equal((ReservationStatus.Released, 1_000_000L), (held.Reservations.Single().Status, held.AvailableYen));
        var (released, _) = await system.Events.WaitForAsync<FundsReleased>(e => e.ReservationId == Guid.Parse(reserved.Reservation.Id));
        Assert.Equal(300_000, released.ReleasedYen);
        await using var db = system.OpenDatabase();
        Assert.Equal(1,
            (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == typeof(FundsReleased).FullName).ToListAsync())
            .Count(m => m.Payload.Contains(reserved.Reservation.Id)));
    }

    [Fact]
    public async Task AnAbandonedAwardThatReservedNothingClosesItsKeyAndALateReserveIsRefused()
    {
        var line = await LineAsync();
        const string key = "subsidy-award-never-answered";

        await SendTwiceAsync(new AwardAbandoned(Guid.NewGuid(), DateTimeOffset.UtcNow, Home, Guid.NewGuid(), Guid.Parse(line.Id), key));
        await Eventually.ReachesAsync(async () =>
        {
            await using var db = system.OpenDatabase();
            return await db.IdempotencyRecords.AsNoTracking().AnyAsync(r => r.MunicipalityCode == Home && r.Key == key);
        }, closed => closed, "the key closed");

        var late = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Budgets.ReserveAsync(new ReserveRequest
        { IdempotencyKey = key, BudgetLineId = line.Id, AmountYen = 300_000, Purpose = "award" }).ResponseAsync);
        Assert.Equal("RESERVATION_ABANDONED", late.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Reason);
        Assert.Empty((await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line.Id })).Reservations);
    }

    [Fact]
    public async Task ARecordedSettlementIsCommittedOnceAndNotAgainWhenItsCommitCallHadMadeIt()
    {
        var line = await LineAsync();
        var first = (await system.Budgets.ReserveAsync(new ReserveRequest
        {
            IdempotencyKey = Guid.NewGuid().ToString(),
            BudgetLineId = line.Id, AmountYen = 200_000, Purpose = "award"
        })).Reservation;
        var second = (await system.Budgets.ReserveAsync(new ReserveRequest
        {
            IdempotencyKey = Guid.NewGuid().ToString(),
            BudgetLineId = line.Id, AmountYen = 100_000, Purpose = "award"
        })).Reservation;
        // The second's Commit call was made (its answer lost): the message finds it by key.
        await system.Budgets.CommitAsync(
            new CommitRequest { IdempotencyKey = "subsidy-settle-b", ReservationId = second.Id, AmountYen = 90_000 });

        await SendTwiceAsync(new SettlementRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, Home, Guid.NewGuid(), Guid.Parse(first.Id),
            "subsidy-settle-a", 150_000));
        await SendTwiceAsync(new SettlementRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, Home, Guid.NewGuid(), Guid.Parse(second.Id),
            "subsidy-settle-b", 90_000));

        var held = await HeldAsync(line, h => h.ReservedYen == 0, "both committed");
        Assert.Equal((240_000L, 760_000L), (held.CommittedYen, held.AvailableYen));
        Assert.All(held.Reservations, r => Assert.Equal(ReservationStatus.Committed, r.Status));
        await using var db = system.OpenDatabase();
        var commits =
            (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == typeof(FundsCommitted).FullName).ToListAsync());
        Assert.Equal((1, 1), (commits.Count(m => m.Payload.Contains(first.Id)), commits.Count(m => m.Payload.Contains(second.Id))));
    }
}
