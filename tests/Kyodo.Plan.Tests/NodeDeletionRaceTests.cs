using Google.Rpc;
using Grpc.Core;
using Kyodo.Plan.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>A node's deletion and a write placing an item under that node must not interleave.</summary>
public sealed class NodeDeletionRaceTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    [Fact]
    public async Task ADeletionWaitsForAnItemWriteInFlightAndThenRefusesTheNodeItsItemNowUses()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35212");
        var item = (await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;
        var (planId, itemId, target) = (Guid.Parse(scenario.Plan.Id), Guid.Parse(item.Id), Guid.Parse(scenario.MeasureIV2.Id));

        // The test plays an item write that has passed its checks (the node exists) and moves the item under
        // the node, holding the plan's row shared as item writes do until they commit.
        await using var other = fixture.OpenDatabase();
        await using var watcher = fixture.OpenDatabase();
        await using (var write = await other.Database.BeginTransactionAsync())
        {
            await other.Database.ExecuteSqlAsync($"SELECT 1 FROM plans WHERE id = {planId} FOR SHARE");
            await other.Database.ExecuteSqlAsync($"UPDATE item_placements SET node_id = {target} WHERE item_id = {itemId}");
            var holder = await LockWaits.HolderAsync(other);
            var call = fixture.Client.DeleteNodeAsync(
                new DeleteNodeRequest { Id = scenario.MeasureIV2.Id, Version = scenario.MeasureIV2.Version }).ResponseAsync;
            await LockWaits.UntilOneWaitsOnAsync(watcher, holder, call, "The deletion never waited for the item write.");
            Assert.False(call.IsCompleted);
            await write.CommitAsync();

            // The deletion checks the node's items only after the write committed: it finds the item there.
            var refused = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => call);
            Assert.Equal("NODE_HAS_ITEMS", refused.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        }

        var nodes = (await fixture.Client.ListNodesAsync(new ListNodesRequest { PlanId = scenario.Plan.Id })).Nodes;
        Assert.Contains(nodes, n => n.Id == scenario.MeasureIV2.Id);
    }
}
