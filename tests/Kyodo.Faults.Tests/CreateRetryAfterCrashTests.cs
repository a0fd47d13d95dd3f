using Grpc.Core;
using Kyodo.Plan.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Faults.Tests;

/// <summary>
/// The plan service is killed (SIGKILL) in the middle of a CreateItem, the caller's answer lost, and
/// the create is sent again with its request_id once the service is back: whether the crash came
/// before the COMMIT or just after it, there is exactly one item, one ItemCreated event and one audit
/// row, and the retry's answer names that item. (Award and Settle are covered by the subsidy
/// service's CrashRecoveryTests.) Bounded by the plan process's restarts: about 10–20 s each.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class CreateRetryAfterCrashTests(FaultSystem system)
{
    [Theory]
    [InlineData("request_id.before_commit")]
    [InlineData("request_id.committed")]
    public async Task ACreateWhoseServiceDiedUnderItIsRetriedWithItsRequestIdAndMakesExactlyOneItem(string failpoint)
    {
        await system.Plan.EnsureRunningAsync();
        var writers = await ItemWriters.StartAsync(system.Plans, "20208", callers: 0);
        var request = new CreateItemRequest
        {
            PlanId = writers.PlanId,
            RequestId = Guid.NewGuid().ToString(),
            Fields = new ItemFields { Title = "停電に強い庁舎整備事業", Novelty = ItemNovelty.New, Departments = { "企画課" } },
            Placements = { new PlacementInput { NodeId = writers.NodeId, Primary = true } },
        };

        system.Plan.Arm(failpoint);
        var lost = system.Plans.CreateItemAsync(request).ResponseAsync;
        await system.Plan.WaitForPauseAsync(failpoint);
        system.Plan.Kill();
        var failure = await Assert.ThrowsAsync<RpcException>(() => lost);
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);

        await system.Plan.RestartAsync();
        var retried = (await system.Plans.CreateItemAsync(request)).Item;
        var again = (await system.Plans.CreateItemAsync(request)).Item;

        var stores = await ItemStores.ReadAsync(system, writers.PlanId);
        var item = Assert.Single(stores.PlanItems.Keys);
        Assert.Equal(item.ToString(), retried.Id);
        Assert.Equal(retried, again);
        Assert.Equal([item], stores.ItemCreatedEvents);
        Assert.Equal([item], stores.ItemCreatedAudits);
        await using var db = system.OpenPlanDatabase();
        Assert.Equal("停電に強い庁舎整備事業", (await db.Items.AsNoTracking().SingleAsync(i => i.Id == item)).Title);
    }
}
