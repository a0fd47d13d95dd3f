using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Kyodo.Reporting.Tests;

public sealed class ReadModelConsumptionTests(ReportingServiceFixture fixture, ITestOutputHelper output)
    : IClassFixture<ReportingServiceFixture>
{
    private static readonly DateTimeOffset April2019 = new(2019, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public async Task EventsOfAllThreeServicesFillOneMunicipalitysOverviewAndNeverAnothers()
    {
        const string komoro = "20208", ueda = "20203";
        await using var publisher = await TestPublisher.StartAsync(fixture.VirtualHost);
        await Publish(publisher, new PlanCreated(Guid.NewGuid(), April2019, komoro, Guid.NewGuid(), "小諸市 実施計画", 2019, 2021, 1));
        await Publish(publisher, Line(komoro, 2019, 7_320_000, 347_000, April2019.AddDays(1)));
        await Publish(publisher, Line(komoro, 2020, 7_004_000, 0, April2019.AddDays(2)));
        await Publish(publisher, new SubsidyProgramCreated(Guid.NewGuid(), April2019.AddDays(3), komoro, Guid.NewGuid(), "市民活動促進事業補助金"));
        await Publish(publisher, new PlanCreated(Guid.NewGuid(), April2019.AddDays(9), ueda, Guid.NewGuid(), "上田市 重点目標", 2017, 2018, 1));

        // Wait for what is asserted: the counts, and a freshness that reached the newest Komoro event.
        var overview = await fixture.OverviewWhenAsync(komoro, o => o.BudgetLineCount == 2 && o.PlanCount == 1 && o.SubsidyProgramCount == 1
            && o.AsOf is not null && o.AsOf.ToDateTimeOffset() >= April2019.AddDays(3));

        Assert.Equal((1, 2, 14_324_000L, 1),
            (overview.PlanCount, overview.BudgetLineCount, overview.BudgetCostYen, overview.SubsidyProgramCount));
        Assert.Equal(April2019.AddDays(3), overview.AsOf.ToDateTimeOffset()); // freshness: the newest Komoro event, not Ueda's
        var other = await fixture.OverviewWhenAsync(ueda, o => o.PlanCount == 1);
        Assert.Equal((1, 0, 0L), (other.PlanCount, other.BudgetLineCount, other.BudgetCostYen));
    }

    [Fact]
    // The inbox itself is tested in Kyodo.ServiceDefaults.Tests; this is the read model's own
    // idempotence, which a replay under a new message id (a rebuild) also needs.
    public async Task ARedeliveredOrReplayedPlanCreatedLeavesOnePlan()
    {
        const string kodaira = "13211";
        await using var publisher = await TestPublisher.StartAsync(fixture.VirtualHost);
        var planId = Guid.NewGuid();
        var created = new PlanCreated(Guid.NewGuid(), April2019, kodaira, planId, "小平市 行財政再構築プラン", 2017, 2020, 1);

        await publisher.PublishAsync(created, created.EventId);
        await publisher.PublishAsync(created, created.EventId);                    // the broker redelivers
        await publisher.PublishAsync(created with { EventId = Guid.NewGuid() }, Guid.NewGuid()); // a replay, new id
        var marker = new PlanCreated(Guid.NewGuid(), April2019, kodaira, Guid.NewGuid(), "marker", 2017, 2017, 1);
        await publisher.PublishAsync(marker, marker.EventId);

        var overview = await fixture.OverviewWhenAsync(kodaira, o => o.PlanCount >= 2);
        await Task.Delay(TimeSpan.FromSeconds(1)); // let any straggling duplicate finish

        await using var db = fixture.OpenDatabase();
        Assert.Equal(1, await db.Plans.CountAsync(p => p.PlanId == planId));
        Assert.Equal(1, await db.Set<InboxMessage>().CountAsync(m => m.MessageId == created.EventId));
        Assert.Equal(2, (await fixture.OverviewWhenAsync(kodaira, _ => true)).PlanCount);
        Assert.Equal(2, overview.PlanCount);
    }

    [Fact]
    public async Task AMessageThatKeepsFailingIsRetriedThenParkedInTheErrorQueueLeavingNothingBehindAndTheNextEventIsConsumedAtOnce()
    {
        await using var publisher = await TestPublisher.StartAsync(fixture.VirtualHost);
        // A municipality code longer than the read model's column: the insert fails on every attempt.
        var poison = Line("202080", 2019, 1_000, 1_000, April2019);
        await publisher.PublishAsync(poison, poison.EventId);
        // A good event right behind it in the same queue: the poison must not hold it up.
        var good = Line("20581", 2019, 2_000, 0, April2019); // a municipality no other test of the class counts
        await publisher.PublishAsync(good, good.EventId);
        var published = System.Diagnostics.Stopwatch.StartNew();

        await Eventually.ReachesAsync(async () =>
        {
            await using var db = fixture.OpenDatabase();
            return await db.BudgetLines.AnyAsync(l => l.BudgetLineId == good.Line.BudgetLineId);
        }, stored => stored, "the good event behind the poison is in the read model", TimeSpan.FromSeconds(30));
        // A figure, not an assertion (polled every 100 ms): the poison's two retries (50 ms, 100 ms in tests) and the good event's own
        // work.
        output.WriteLine($"the good event behind the poison was consumed {published.Elapsed.TotalMilliseconds:0} ms after it was "
            + $"published; load average {MachineLoad.Now()}");
        var parked = await WaitForErrorQueueMessageAsync("budget-events_error");

        Assert.Contains(poison.Line.BudgetLineId.ToString(), parked.Body);
        // Two retries are configured for tests (ServiceSettings): the fault records them.
        Assert.Equal(2, parked.Headers.GetProperty("MT-Fault-RetryCount").GetInt32());
        await using var db = fixture.OpenDatabase();
        Assert.False(await db.BudgetLines.AnyAsync(l => l.BudgetLineId == poison.Line.BudgetLineId));
        Assert.False(await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == poison.EventId));
    }

    private async Task<(System.Text.Json.JsonElement Headers, string Body)> WaitForErrorQueueMessageAsync(string queueSuffix)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var queue =
                (await fixture.VirtualHost.QueueNamesAsync()).FirstOrDefault(q => q.EndsWith(queueSuffix, StringComparison.Ordinal));
            if (queue is not null && (await fixture.VirtualHost.PeekAsync(queue)) is [var message, ..]) return message;
            await Task.Delay(200);
        }
        throw new TimeoutException(
            $"Nothing arrived in a queue named *{queueSuffix}; queues: {string.Join(", ", await fixture.VirtualHost.QueueNamesAsync())}");
    }

    private static BudgetLineCreated Line(string municipality, int fiscalYear, long cost, long other, DateTimeOffset at) =>
        new(Guid.NewGuid(), at, municipality, new BudgetLineSnapshot(Guid.NewGuid(), Guid.NewGuid(), "市民活動支援事業", null, "企画課", fiscalYear,
            "一般会計/2 総務費/1 総務管理費/4 企画費", "Initial", 0, new FundingAmounts(cost, 0, 0, other, cost - other), 1));

    private static Task Publish<T>(TestPublisher publisher, T message) where T : class, Kyodo.Contracts.IIntegrationEvent =>
        publisher.PublishAsync(message, message.EventId);
}
