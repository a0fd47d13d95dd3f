using Grpc.Core;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>A plan's period change and an item write checking years against that period must not interleave.</summary>
public sealed class PlanPeriodRaceTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    [Fact]
    public async Task AScheduleWriteWaitsForAPeriodChangeInFlightAndThenRefusesTheDroppedYear()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client); // FY2008–FY2012 (H20–H24)
        var request = scenario.CommunityCentreItem();
        var item = (await fixture.Client.CreateItemAsync(request)).Item;
        var rows = request.Schedule.Clone();
        rows[0].Cells.Add(new ScheduleCellInput { FiscalYear = "H24", Text = "完了" });
        var planId = Guid.Parse(scenario.Plan.Id);

        // The test plays a period change that has passed its guard (nothing in H24 yet) and holds the
        // plan's row as UpdatePlan does until it commits the shorter period.
        await using var other = fixture.OpenDatabase();
        await using var watcher = fixture.OpenDatabase();
        await using (var change = await other.Database.BeginTransactionAsync())
        {
            await other.Database.ExecuteSqlAsync($"SELECT 1 FROM plans WHERE id = {planId} FOR UPDATE");
            await other.Database.ExecuteSqlAsync($"UPDATE plans SET end_fiscal_year = 2011 WHERE id = {planId}");
            var holder = await LockWaits.HolderAsync(other);
            var call = fixture.Client.SetItemScheduleAsync(
                new SetItemScheduleRequest { ItemId = item.Id, Version = item.Version, Rows = { rows } }).ResponseAsync;
            await LockWaits.UntilOneWaitsOnAsync(watcher, holder, call, "The schedule write never waited for the plan's row.");
            Assert.False(call.IsCompleted);
            await change.CommitAsync();

            // The schedule write reads the period only after the change: H24 now lies outside it.
            var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => call);
            Assert.Contains("FY2008–FY2011", RpcAssert.FieldViolations(ex).Values.Single());
        }

        var stored = (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
        Assert.Equal(item, stored);
    }
}
