using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Kyodo.Testing;
using Xunit.Abstractions;

namespace Kyodo.Faults.Tests;

/// <summary>
/// PostgreSQL stops abruptly (<c>pg_ctl -m immediate</c>: no checkpoint, every backend cut) while four
/// callers create items, and starts again: every create answered OK is there afterwards with its event
/// and its audit row, none is answered INTERNAL (a transient failure answers UNAVAILABLE, and the same
/// create with its request_id then succeeds, once), and reporting's read model ends equal to the plan
/// service's items. Bounded: 20 creates before the restart and 20 after it (at most 60 s each), then at
/// most 90 s for reporting to catch up; 43 s measured at a load average of 30.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class PostgresCrashTests(FaultSystem system, ITestOutputHelper output)
{
    [Fact]
    public async Task AnImmediateRestartUnderWritesLosesNoAcknowledgedCreateAnswersNoneInternalAndLeavesReportingComplete()
    {
        await system.Plan.EnsureRunningAsync();
        var writers = await ItemWriters.StartAsync(system.Plans, "20208", callers: 4);
        await writers.FlowingAsync(20, TimeSpan.FromSeconds(60));

        var before = writers.Count(StatusCode.OK);
        var down = Stopwatch.StartNew();
        await system.Postgres.CrashAsync();
        await system.Postgres.StartAsync();
        var restart = down.Elapsed;
        await writers.FlowingAsync(20, TimeSpan.FromSeconds(60));
        await writers.StopAsync(TimeSpan.FromSeconds(90));

        var stores = await Eventually.ReachesAsync(() => ItemStores.ReadAsync(system, writers.PlanId), s => s.ReportingComplete,
            "reporting holds every item of the plan at its revision", TimeSpan.FromSeconds(90));
        var durability = await system.Postgres.DurabilityAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{durability}; restart (immediate stop, crash recovery, first login) {restart.TotalSeconds:0.0} s; "
            + $"{before} creates answered OK before it, {writers.Count(StatusCode.OK)} in all; answers {writers.Describe()}; {stores}; "
                + $"load average {MachineLoad.Now()}"));

        Assert.Equal(0, writers.Count(StatusCode.Internal));
        Assert.All(writers.Answers.Keys,
            code => Assert.Contains(code, new[] { StatusCode.OK, StatusCode.Unavailable, StatusCode.DeadlineExceeded }));
        Assert.True(writers.Count(StatusCode.OK) > before, "no create succeeded after the restart");
        // Every create answered OK is stored, with its event and audit row; no retried create made a second item.
        var acknowledged = writers.Created.Values.Select(Guid.Parse).ToHashSet();
        Assert.Equal(acknowledged.Count, writers.Created.Count);
        Assert.Equal(acknowledged.Order(), stores.PlanItems.Keys.Order());
        Assert.Equal(acknowledged.Order(), stores.ItemCreatedEvents.Order());
        Assert.Equal(acknowledged.Order(), stores.ItemCreatedAudits.Order());
        Assert.Equal(acknowledged.Count, stores.ReportingInboxOfThoseEvents);
    }
}
