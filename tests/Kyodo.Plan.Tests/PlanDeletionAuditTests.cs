using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>Deleting a plan deletes its items and nodes too: each of those deletions is in the audit trail.</summary>
public sealed class PlanDeletionAuditTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    [Fact]
    public async Task ADeletedPlansItemsIndicatorsAndNodesEachLeaveTheirDeletion()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35206");
        var request = scenario.CommunityCentreItem();
        request.Indicators.Add(new IndicatorInput
        {
            Kind = IndicatorKind.Activity, Name = "地域交流センター設置数", Unit = "館", Direction = IndicatorDirection.HigherIsBetter,
            Targets = { new YearValueInput { FiscalYear = "H21", Value = "21" } },
        });
        var item = (await fixture.Client.CreateItemAsync(request)).Item;
        var plan = (await fixture.Client.GetPlanAsync(new GetPlanRequest { Id = scenario.Plan.Id })).Plan;

        await fixture.Client.DeletePlanAsync(new DeletePlanRequest { Id = plan.Id, Version = plan.Version });

        async Task<AuditEntry> DeletionOf(string recordType, string id)
        {
            var trail = (await fixture.Client.GetAuditTrailAsync(
                new GetAuditTrailRequest { MunicipalityCode = "35206", RecordType = recordType, RecordId = id })).Entries;
            Assert.Equal("deleted", trail[0].Action); // newest first: the deletion closes the record's trail
            return trail[0];
        }
        var itemDeleted = await DeletionOf("item", item.Id);
        Assert.Contains(itemDeleted.Changes, c => c.Field == "title" && c.Before == "\"地域交流センターの設置\"" && c.After == "");
        await DeletionOf("indicator", item.Indicators.Single().Id);
        // The measure under the policy, and the policy itself (a node tree is removed child first).
        foreach (var node in new[] { scenario.MeasureI1, scenario.PolicyI, scenario.PolicyIV, scenario.MeasureIV2 })
            await DeletionOf("plan_node", node.Id);

        await using var db = fixture.OpenDatabase();
        var planId = Guid.Parse(plan.Id);
        Assert.False(await db.Items.AnyAsync(i => i.PlanId == planId));
        Assert.False(await db.Nodes.AnyAsync(n => n.PlanId == planId));
    }
}
