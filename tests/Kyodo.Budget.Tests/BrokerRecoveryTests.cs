using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Kyodo.Budget.Tests;

/// <summary>
/// The budget service loses the broker (its connections through a proxy are cut and refused) while
/// plan goes on publishing item events into budget's queue and budget goes on taking writes. Budget
/// stays ready, Degraded, naming the outbox that waits; when the broker returns its consumer takes
/// the waiting events and its outbox publishes what waited. Kyodo's recovery bound is consumers back within
/// 5 s of the broker's return: the test prints the time it measured and asserts only that everything
/// arrives within a generous bound (speed is not asserted in tests). Bounded: about 10 s of outage,
/// at most 30 s for each wait after it.
/// </summary>
public sealed class BrokerRecoveryTests(BudgetSystemFixture system, ITestOutputHelper output) : IClassFixture<BudgetSystemFixture>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WhileTheBrokerIsAwayBudgetIsReadyDegradedAndTakesWrites_AndOnceItReturnsItsConsumerAndOutboxCatchUp()
    {
        var before = await KomoroItems.CreateAsync(system.Plans, "停止前の事業", municipality: "99601");
        await system.ItemRecordedAsync(before);
        Assert.Equal(200, (await system.BudgetService.GetHealthAsync("/readyz")).Status);

        system.BudgetBrokerPath.TakeDown();
        var outageStarted = Stopwatch.StartNew();
        // Plan still reaches the broker: its item event waits in budget's durable queue.
        var during = await KomoroItems.CreateAsync(system.Plans, "停止中の事業", municipality: "99601");
        // Budget still takes a write: the line is stored, its event waits in the outbox.
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = "99601", ItemId = before.Id, FiscalYear = 2020,
            Funding = new FundingBreakdown { CostYen = 500_000, GeneralRevenueYen = 500_000 },
        })).Line;
        var degraded = await WaitForReadinessAsync("outbox", "Degraded");
        Assert.Equal(200, degraded.Status); // ready: reads and writes go on
        Assert.Equal(200, (await system.BudgetService.GetHealthAsync("/healthz")).Status);
        Assert.Null((await OutboxRowAsync(line.Id)).SentAt);
        Assert.Null(await ItemFacts.ReadAsync(system.BudgetDatabaseConnectionString, Guid.Parse(during.Id)));
        var left = Outage - outageStarted.Elapsed;
        if (left > TimeSpan.Zero) await Task.Delay(left);

        system.BudgetBrokerPath.BringUp();
        var back = Stopwatch.StartNew();
        await ItemFacts.WaitForRevisionAsync(system.BudgetDatabaseConnectionString, Guid.Parse(during.Id), during.Revision);
        var consumed = back.Elapsed;
        var (published, _) = await system.Events.WaitForAsync<BudgetLineCreated>(e => e.Line.BudgetLineId == Guid.Parse(line.Id), Bound);
        var sent = back.Elapsed;
        var healthy = await WaitForReadinessAsync("outbox", "Healthy");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"broker back after {outageStarted.Elapsed.TotalSeconds:0.0} s away: consumer took the waiting item event in "
            + $"{consumed.TotalSeconds:0.00} s, "
            + $"outbox published the waiting line in {sent.TotalSeconds:0.00} s (the recovery bound asked of Kyodo: 5 s); load average "
                + $"{MachineLoad.Now()}"));
        Assert.True(consumed < Bound && sent < Bound, $"consumed {consumed}, published {sent}");
        Assert.Equal(Guid.Parse(before.Id), published.Line.ItemId);
        Assert.Equal(200, healthy.Status);
    }

    /// <summary>Polls /readyz until its check <paramref name="check"/> reports <paramref name="status"/>, within the bound.</summary>
    private async Task<(int Status, string Body)> WaitForReadinessAsync(string check, string status)
    {
        var deadline = DateTime.UtcNow + Bound;
        (int Status, string Body) last;
        do
        {
            last = await system.BudgetService.GetHealthAsync("/readyz");
            using var report = JsonDocument.Parse(last.Body);
            if (report.RootElement.GetProperty("checks").TryGetProperty(check, out var entry)
                && entry.GetProperty("status").GetString() == status)
                return last;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"/readyz did not report {check} {status} within {Bound.TotalSeconds} s: {last.Status} {last.Body}");
    }

    private async Task<OutboxMessage> OutboxRowAsync(string lineId)
    {
        await using var db = system.OpenDatabase();
        return (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == typeof(BudgetLineCreated).FullName).ToListAsync())
            .Single(m => m.Payload.Contains(lineId, StringComparison.Ordinal));
    }

}
