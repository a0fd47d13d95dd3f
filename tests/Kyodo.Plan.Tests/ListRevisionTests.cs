using Kyodo.Common.V1;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;

namespace Kyodo.Plan.Tests;

/// <summary>
/// What the reporting rebuild reads: the lists carry each record's revision, the one its events
/// carry, and the municipalities can be listed.
/// </summary>
public sealed class ListRevisionTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    private const string Code = "20321";

    [Fact]
    public async Task ListsCarryTheRevisionOfEachRecordsLatestEventAndEveryMunicipalityIsListed()
    {
        var client = fixture.Client;
        var plan = (await client.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = Code, Name = "軽井沢町" }, Name = "協働推進プラン", StartFiscalYear = "2020",
            EndFiscalYear = "2024",
        })).Plan;
        plan = (await client.UpdatePlanAsync(new UpdatePlanRequest
        {
            Id = plan.Id, Version = plan.Version, Name = "第2次 協働推進プラン",
            StartFiscalYear = "2020", EndFiscalYear = "2024"
        })).Plan;
        var node =
            (await client.CreateNodeAsync(new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "協働" })).Node;
        await client.UpdateNodeAsync(new UpdateNodeRequest
        {
            Id = node.Id, Version = node.Version, LevelName = "施策", Code = "1",
            Title = "協働の推進", Position = node.Position
        });
        var department =
            (await client.CreateDepartmentAsync(new CreateDepartmentRequest { MunicipalityCode = Code, Name = "総務課" })).Department;
        await client.UpdateDepartmentAsync(new UpdateDepartmentRequest { Id = department.Id, Name = "総務部総務課" });
        var item = (await client.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "研修", Departments = { "総務部総務課" } },
            Placements = { new PlacementInput { NodeId = node.Id, Primary = true } },
            Schedule =
            {
                new ScheduleRowInput { Label = "・研修", Cells = { new ScheduleCellInput { FiscalYear = "2020", Text = "実施" } } },
                new ScheduleRowInput { Label = "・空行" },
                new ScheduleRowInput { Label = "・啓発", Cells = { new ScheduleCellInput { FiscalYear = "2021", Text = "検討" } } },
            },
        })).Item;

        var (planUpdated, _) = await fixture.Events.WaitForAsync<PlanUpdated>(e => e.PlanId == Guid.Parse(plan.Id));
        var (nodeChanged, _) =
            await fixture.Events.WaitForAsync<PlanNodeChanged>(e => e.NodeId == Guid.Parse(node.Id) && e.Title == "協働の推進");
        var (departmentChanged, _) =
            await fixture.Events.WaitForAsync<DepartmentChanged>(e => e.DepartmentId == Guid.Parse(department.Id) && e.Name == "総務部総務課");
        var (itemCreated, _) = await fixture.Events.WaitForAsync<ItemCreated>(e => e.Item.ItemId == Guid.Parse(item.Id));

        var plans = (await client.ListPlansAsync(new ListPlansRequest { MunicipalityCode = Code })).Plans;
        Assert.Equal(planUpdated.Revision, plans.Single(p => p.Id == plan.Id).Revision);
        Assert.Equal(2, planUpdated.Revision);
        var nodes = (await client.ListNodesAsync(new ListNodesRequest { PlanId = plan.Id })).Nodes;
        Assert.Equal(nodeChanged.Revision, nodes.Single(n => n.Id == node.Id).Revision);
        var departments = await client.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = Code });
        Assert.Equal(departments.Departments.Select(d => d.Id), departments.Revisions.Select(r => r.Id)); // same order
        Assert.Equal(departmentChanged.Revision, departments.Revisions.Single(r => r.Id == department.Id).Revision);
        var listed = (await client.ListItemsAsync(new ListItemsRequest { MunicipalityCode = Code })).Items.Single(i => i.Id == item.Id);
        Assert.Equal(itemCreated.Item.Revision, listed.Revision);
        // Schedule rows keep their numbers: the empty second row is not listed, the third stays 3.
        Assert.Equal([(1, "・研修"), (3, "・啓発")], listed.Schedule.Select(r => (r.Row, r.Label)));
        Assert.Equal(itemCreated.Item.Schedule.Select(c => c.Row).Distinct(), listed.Schedule.Select(r => r.Row));

        var municipalities = (await client.ListMunicipalitiesAsync(new ListMunicipalitiesRequest())).Municipalities;
        Assert.Contains(municipalities, m => m.Code == Code && m.Name == "軽井沢町");
        Assert.Equal(municipalities.Select(m => m.Code).Order(StringComparer.Ordinal), municipalities.Select(m => m.Code));
    }
}
