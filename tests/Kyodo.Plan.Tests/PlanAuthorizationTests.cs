using Grpc.Core;
using Grpc.Health.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.Grpc;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

// Who may do what in the plan service. Negative cases first: bad tokens, other municipalities,
// other departments, roles without the right, fields a role may not set.
public sealed class PlanAuthorizationTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    private const string Home = "99101";
    private const string Foreign = "99102";

    private PlanService.PlanServiceClient As(string? token) => new(fixture.Service.ChannelAs(token));
    private PlanService.PlanServiceClient Admin(string municipality = Home) => As(TestAuth.UserToken(municipality, KyodoRoles.Admin));
    private PlanService.PlanServiceClient Editor(params Guid[] departments) => As(TestAuth.UserToken(Home, KyodoRoles.Editor, departments));
    private PlanService.PlanServiceClient Viewer() => As(TestAuth.UserToken(Home, KyodoRoles.Viewer));

    /// <summary>A plan with an item of one department (with an indicator) and a priority goal, in
    /// <paramref name="municipality"/>.</summary>
    private async Task<World> WorldAsync(string municipality, string department = "協働推進課")
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, municipality);
        var request = scenario.CommunityCentreItem();
        request.Fields.Departments.Clear();
        request.Fields.Departments.Add(department);
        request.Indicators.Add(
            new IndicatorInput { Kind = IndicatorKind.Activity, Name = "設置数", Unit = "館", Direction = IndicatorDirection.HigherIsBetter });
        var item = (await fixture.Client.CreateItemAsync(request)).Item;
        var goal = (await fixture.Client.CreatePriorityGoalAsync(new CreatePriorityGoalRequest
        {
            Goal = new PriorityGoalInput { MunicipalityCode = municipality, Department = department, FiscalYear = "H21", Title = "協働の推進" },
        })).Goal;
        return new World(scenario, item, Guid.Parse(item.Departments[0].Id), goal);
    }

    private sealed record World(YamaguchiScenario Scenario, Item Item, Guid Department, PriorityGoal Goal)
    {
        public string IndicatorId => Item.Indicators[0].Id;
    }

    [Fact]
    public async Task EveryKindOfBadTokenIsUnauthenticatedAndWritesNothing()
    {
        await AccessAssert.EveryBadTokenUnauthenticated(fixture.Service, channel =>
            new PlanService.PlanServiceClient(channel).ListPlansAsync(new ListPlansRequest { MunicipalityCode = Home }).ResponseAsync);
        await AccessAssert.EveryBadTokenUnauthenticated(fixture.Service, channel =>
            new PlanService.PlanServiceClient(channel).CreatePlanAsync(new CreatePlanRequest
            {
                Municipality = new MunicipalityRef { Code = "99109", Name = "x" }, Name = "p", StartFiscalYear = "2020",
                EndFiscalYear = "2024",
            }).ResponseAsync);

        await using var db = fixture.OpenDatabase();
        Assert.False(await db.Plans.AnyAsync(p => p.MunicipalityCode == "99109"));
        var missing = await RpcAssert.FailsWith(StatusCode.Unauthenticated,
            () => As(null).GetPlanAsync(new GetPlanRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync);
        Assert.Contains("No bearer token", missing.Status.Detail);
    }

    [Fact]
    public async Task HealthAndReflectionNeedNoToken()
    {
        var health = await new Health.HealthClient(fixture.Service.ChannelAs(null)).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task AnotherMunicipalitysIdAnswersLikeAMissingOneOnEveryRpcAndChangesNothing()
    {
        var foreign = await WorldAsync(Foreign);
        var home = await WorldAsync(Home);
        var admin = Admin(); // every right in its own municipality, none in another
        var plan = foreign.Scenario.Plan;
        var node = foreign.Scenario.MeasureI1;

        await AccessAssert.LikeMissing("GetPlan", plan.Id, id => admin.GetPlanAsync(new GetPlanRequest { Id = id }).ResponseAsync);
        await AccessAssert.LikeMissing("UpdatePlan", plan.Id, id => admin.UpdatePlanAsync(new UpdatePlanRequest
        { Id = id, Version = plan.Version, Name = "奪取", StartFiscalYear = "2020", EndFiscalYear = "2024" }).ResponseAsync);
        await AccessAssert.LikeMissing("DeletePlan", plan.Id,
            id => admin.DeletePlanAsync(new DeletePlanRequest { Id = id, Version = plan.Version }).ResponseAsync);
        await AccessAssert.LikeMissing("ListNodes", plan.Id,
            id => admin.ListNodesAsync(new ListNodesRequest { PlanId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("CreateNode", plan.Id, id => admin.CreateNodeAsync(new CreateNodeRequest
        { PlanId = id, LevelName = "推進方針", Code = "Z", Title = "t" }).ResponseAsync);
        await AccessAssert.LikeMissing("UpdateNode", node.Id, id => admin.UpdateNodeAsync(new UpdateNodeRequest
        { Id = id, Version = node.Version, LevelName = "推進施策", Code = "(9)", Title = "t" }).ResponseAsync);
        await AccessAssert.LikeMissing("DeleteNode", node.Id,
            id => admin.DeleteNodeAsync(new DeleteNodeRequest { Id = id, Version = node.Version }).ResponseAsync);
        await AccessAssert.LikeMissing("ListItems.node_id", node.Id,
            id => admin.ListItemsAsync(new ListItemsRequest { MunicipalityCode = Home, NodeId = id }).ResponseAsync);

        var item = foreign.Item;
        var homeItem = home.Scenario.CommunityCentreItem();
        await AccessAssert.LikeMissing("CreateItem", plan.Id, id => admin.CreateItemAsync(new CreateItemRequest
        {
            PlanId = id, Fields = homeItem.Fields,
            Placements = { new PlacementInput { NodeId = node.Id, Code = "①", Primary = true } }
        }).ResponseAsync);
        await AccessAssert.LikeMissing("GetItem", item.Id, id => admin.GetItemAsync(new GetItemRequest { Id = id }).ResponseAsync);
        await AccessAssert.LikeMissing("GetItemHistory", item.Id,
            id => admin.GetItemHistoryAsync(new GetItemHistoryRequest { Id = id }).ResponseAsync);
        await AccessAssert.LikeMissing("UpdateItem", item.Id, id => admin.UpdateItemAsync(new UpdateItemRequest
        {
            Id = id, Version = item.Version, Fields = homeItem.Fields,
            Placements = { new PlacementInput { NodeId = node.Id, Code = "①", Primary = true } }
        }).ResponseAsync);
        await AccessAssert.LikeMissing("DeleteItem", item.Id,
            id => admin.DeleteItemAsync(new DeleteItemRequest { Id = id, Version = item.Version }).ResponseAsync);
        await AccessAssert.LikeMissing("SetItemSchedule", item.Id,
            id => admin.SetItemScheduleAsync(new SetItemScheduleRequest { ItemId = id, Version = item.Version }).ResponseAsync);
        await AccessAssert.LikeMissing("CreateIndicator", item.Id, id => admin.CreateIndicatorAsync(new CreateIndicatorRequest
        {
            ItemId = id, Indicator = new IndicatorInput
            {
                Kind = IndicatorKind.Activity, Name = "n", Unit = "回",
                Direction = IndicatorDirection.HigherIsBetter
            }
        }).ResponseAsync);
        await AccessAssert.LikeMissing("RecordActual", foreign.IndicatorId, id => admin.RecordActualAsync(new RecordActualRequest
        { IndicatorId = id, FiscalYear = "H21", Value = "1" }).ResponseAsync);
        await AccessAssert.LikeMissing("ReviseTarget", foreign.IndicatorId, id => admin.ReviseTargetAsync(new ReviseTargetRequest
        { IndicatorId = id, FiscalYear = "H21", Value = "1", Reason = "r" }).ResponseAsync);
        await AccessAssert.LikeMissing("UpdateIndicator", foreign.IndicatorId, id => admin.UpdateIndicatorAsync(new UpdateIndicatorRequest
        {
            IndicatorId = id, Indicator = new IndicatorInput
            {
                Kind = IndicatorKind.Activity, Name = "n", Unit = "回",
                Direction = IndicatorDirection.HigherIsBetter
            }
        }).ResponseAsync);
        await AccessAssert.LikeMissing("DeleteIndicator", foreign.IndicatorId,
            id => admin.DeleteIndicatorAsync(new DeleteIndicatorRequest { IndicatorId = id }).ResponseAsync);

        var goal = foreign.Goal;
        await AccessAssert.LikeMissing("GetPriorityGoal", goal.Id,
            id => admin.GetPriorityGoalAsync(new GetPriorityGoalRequest { Id = id }).ResponseAsync);
        await AccessAssert.LikeMissing("UpdatePriorityGoal", goal.Id, id => admin.UpdatePriorityGoalAsync(new UpdatePriorityGoalRequest
        {
            Id = id, Version = goal.Version, Goal =
            new PriorityGoalInput { MunicipalityCode = Home, Department = "協働推進課", FiscalYear = "H21", Title = "奪取" }
        }).ResponseAsync);
        await AccessAssert.LikeMissing("DeletePriorityGoal", goal.Id,
            id => admin.DeletePriorityGoalAsync(new DeletePriorityGoalRequest { Id = id, Version = goal.Version }).ResponseAsync);

        var department = foreign.Department.ToString();
        await AccessAssert.LikeMissing("UpdateDepartment", department,
            id => admin.UpdateDepartmentAsync(new UpdateDepartmentRequest { Id = id, Name = "奪取課" }).ResponseAsync);
        await AccessAssert.LikeMissing("DeleteDepartment", department,
            id => admin.DeleteDepartmentAsync(new DeleteDepartmentRequest { Id = id }).ResponseAsync);

        // The foreign municipality's records are exactly as they were.
        Assert.Equal(plan, (await fixture.Client.GetPlanAsync(new GetPlanRequest { Id = plan.Id })).Plan);
        Assert.Equal(item, (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item);
        Assert.Equal(goal, (await fixture.Client.GetPriorityGoalAsync(new GetPriorityGoalRequest { Id = goal.Id })).Goal);
        Assert.Equal(foreign.Scenario.MeasureI1,
            (await fixture.Client.ListNodesAsync(new ListNodesRequest { PlanId = plan.Id })).Nodes.Single(n => n.Id == node.Id));
        Assert.Single((await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = item.Id })).Changes);
        Assert.Contains((await fixture.Client.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = Foreign })).Departments,
            d => d.Id == department && d.Name == "協働推進課");
    }

    [Fact]
    public async Task AnotherMunicipalitysCodeIsPermissionDeniedAndNothingIsCreated()
    {
        var foreign = await WorldAsync(Foreign);
        var admin = Admin();

        await AccessAssert.Denied("ListPlans",
            () => admin.ListPlansAsync(new ListPlansRequest { MunicipalityCode = Foreign }).ResponseAsync, Foreign);
        await AccessAssert.Denied("ListItems",
            () => admin.ListItemsAsync(new ListItemsRequest { MunicipalityCode = Foreign }).ResponseAsync, "municipality_code");
        await AccessAssert.Denied("ListDepartments",
            () => admin.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = Foreign }).ResponseAsync);
        await AccessAssert.Denied("ListPriorityGoals",
            () => admin.ListPriorityGoalsAsync(new ListPriorityGoalsRequest { MunicipalityCode = Foreign }).ResponseAsync);
        await AccessAssert.Denied("CreatePlan", () => admin.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = Foreign, Name = "x" }, Name = "乗っ取り", StartFiscalYear = "2020",
            EndFiscalYear = "2024"
        }).ResponseAsync, "municipality.code");
        await AccessAssert.Denied("ImportPlan", () => admin.ImportPlanAsync(new ImportPlanRequest
        {
            Municipality = new MunicipalityRef { Code = Foreign, Name = "x" }, Name = "乗っ取り", StartFiscalYear = "2020",
            EndFiscalYear = "2024"
        }).ResponseAsync);
        await AccessAssert.Denied("CreateDepartment",
            () => admin.CreateDepartmentAsync(new CreateDepartmentRequest { MunicipalityCode = Foreign, Name = "乗っ取り課" }).ResponseAsync);
        await AccessAssert.Denied("UpsertMunicipality", () => admin.UpsertMunicipalityAsync(new UpsertMunicipalityRequest
        { Municipality = new MunicipalityRef { Code = Foreign, Name = "乗っ取り市" } }).ResponseAsync);
        await AccessAssert.Denied("CreatePriorityGoal", () => admin.CreatePriorityGoalAsync(new CreatePriorityGoalRequest
        {
            Goal = new PriorityGoalInput
            {
                MunicipalityCode = Foreign, Department = "協働推進課", FiscalYear = "H21",
                Title = "乗っ取り"
            }
        }).ResponseAsync);

        await using var db = fixture.OpenDatabase();
        Assert.False(await db.Plans.AnyAsync(p => p.MunicipalityCode == Foreign && p.Name == "乗っ取り"));
        Assert.False(await db.Departments.AnyAsync(d => d.MunicipalityCode == Foreign && d.Name == "乗っ取り課"));
        Assert.Equal("山口市", (await db.Municipalities.SingleAsync(m => m.Code == Foreign)).Name);
        Assert.False(await db.PriorityGoals.AnyAsync(g => g.MunicipalityCode == Foreign && g.Title == "乗っ取り"));
        // The municipality exists and has data: the refusal is about the caller, not about a missing municipality.
        Assert.True(await db.Plans.AnyAsync(p => p.Id == Guid.Parse(foreign.Scenario.Plan.Id)));
    }

    [Fact]
    public async Task AnEditorOfAnotherDepartmentIsDeniedEveryItemWriteAndNothingChanges()
    {
        var world = await WorldAsync(Home, "協働推進課");
        var other = (await fixture.Client.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = Home, Name = $"市民課{Guid.NewGuid():N}" })).Department;
        var editor = Editor(Guid.Parse(other.Id));
        var item = world.Item;
        var node = world.Scenario.MeasureI1;
        var indicator =
            new IndicatorInput { Kind = IndicatorKind.Activity, Name = "n", Unit = "回", Direction = IndicatorDirection.HigherIsBetter };

        await AccessAssert.Denied("UpdateItem", () => editor.UpdateItemAsync(new UpdateItemRequest
        {
            Id = item.Id, Version = item.Version, Fields = world.Scenario.CommunityCentreItem().Fields,
            Placements = { new PlacementInput { NodeId = node.Id, Code = "①", Primary = true } }
        }).ResponseAsync);
        await AccessAssert.Denied("DeleteItem",
            () => editor.DeleteItemAsync(new DeleteItemRequest { Id = item.Id, Version = item.Version }).ResponseAsync);
        await AccessAssert.Denied("SetItemSchedule",
            () => editor.SetItemScheduleAsync(new SetItemScheduleRequest { ItemId = item.Id, Version = item.Version }).ResponseAsync);
        await AccessAssert.Denied("CreateIndicator", () => editor.CreateIndicatorAsync(
            new CreateIndicatorRequest { ItemId = item.Id, ItemVersion = item.Version, Indicator = indicator }).ResponseAsync);
        await AccessAssert.Denied("RecordActual", () => editor.RecordActualAsync(new RecordActualRequest
        {
            IndicatorId = world.IndicatorId,
            ItemVersion = item.Version, FiscalYear = "H21", Value = "1"
        }).ResponseAsync);
        await AccessAssert.Denied("ReviseTarget", () => editor.ReviseTargetAsync(new ReviseTargetRequest
        {
            IndicatorId = world.IndicatorId,
            ItemVersion = item.Version, FiscalYear = "H21", Value = "1", Reason = "r"
        }).ResponseAsync);
        await AccessAssert.Denied("UpdateIndicator", () => editor.UpdateIndicatorAsync(new UpdateIndicatorRequest
        { IndicatorId = world.IndicatorId, ItemVersion = item.Version, Indicator = indicator }).ResponseAsync);
        await AccessAssert.Denied("DeleteIndicator", () => editor.DeleteIndicatorAsync(
            new DeleteIndicatorRequest { IndicatorId = world.IndicatorId, ItemVersion = item.Version }).ResponseAsync);

        Assert.Equal(item, (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item);
        Assert.Single((await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = item.Id })).Changes);
        // The same editor still reads it: reading is municipality-wide.
        Assert.Equal(item.Id, (await editor.GetItemAsync(new GetItemRequest { Id = item.Id })).Item.Id);
    }

    [Fact]
    public async Task AnEditorWritesItsOwnDepartmentsItemsAndHistoryNamesTheTokensSubject()
    {
        var world = await WorldAsync(Home, "協働推進課");
        var editor = Editor(world.Department);

        var recorded = (await editor.RecordActualAsync(new RecordActualRequest
        {
            IndicatorId = world.IndicatorId,
            ItemVersion = world.Item.Version, FiscalYear = "H21", Value = "18"
        })).Indicator;

        // An editor's actual is submitted for an admin's approval, not official yet (ActualReviewTests).
        Assert.Equal(("18", ReviewStatus.Submitted),
            (recorded.ActualEntries.Single().Value, recorded.ActualEntries.Single().Review.Status));
        var history = (await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = world.Item.Id })).Changes;
        Assert.Equal(("actual_submitted", $"{KyodoRoles.Editor}@{Home}"), (history[^1].Kind, history[^1].ChangedBy));
        Assert.Equal("kyodo-tests", history[0].ChangedBy);
    }

    [Fact]
    public async Task AnEditorMayNotHandAnItemToAnotherDepartmentNorCreateOneForIt()
    {
        var world = await WorldAsync(Home, "協働推進課");
        var other = (await fixture.Client.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = Home, Name = $"市民課{Guid.NewGuid():N}" })).Department;
        var editor = Editor(world.Department);
        var moved = world.Scenario.CommunityCentreItem();
        moved.Fields.Departments.Clear();
        moved.Fields.Departments.Add(other.Name);

        await AccessAssert.Denied("UpdateItem", () => editor.UpdateItemAsync(new UpdateItemRequest
        { Id = world.Item.Id, Version = world.Item.Version, Fields = moved.Fields, Placements = { moved.Placements } }).ResponseAsync,
            "fields.departments");
        await AccessAssert.Denied("CreateItem", () => editor.CreateItemAsync(moved).ResponseAsync, "fields.departments");
        var invented = world.Scenario.CommunityCentreItem();
        invented.Fields.Departments.Add("新設課");
        await AccessAssert.Denied("CreateItem", () => editor.CreateItemAsync(invented).ResponseAsync, "fields.departments");

        Assert.Equal(world.Item, (await fixture.Client.GetItemAsync(new GetItemRequest { Id = world.Item.Id })).Item);
        await using var db = fixture.OpenDatabase();
        Assert.False(await db.Departments.AnyAsync(d => d.MunicipalityCode == Home && d.Name == "新設課"));
        Assert.Equal(1, await db.Items.CountAsync(i => i.PlanId == Guid.Parse(world.Scenario.Plan.Id)));
    }

    [Fact]
    public async Task AViewerReadsButWritesNothingAndAnEditorDoesNotAdminister()
    {
        var world = await WorldAsync(Home);
        var viewer = Viewer();
        var editor = Editor(world.Department);

        Assert.Equal(world.Item.Id, (await viewer.GetItemAsync(new GetItemRequest { Id = world.Item.Id })).Item.Id);
        await AccessAssert.Denied("DeleteItem", () =>
            viewer.DeleteItemAsync(new DeleteItemRequest { Id = world.Item.Id, Version = world.Item.Version }).ResponseAsync, "editor");
        await AccessAssert.Denied("RecordActual", () => viewer.RecordActualAsync(new RecordActualRequest
        {
            IndicatorId = world.IndicatorId,
            ItemVersion = world.Item.Version, FiscalYear = "H21", Value = "1"
        }).ResponseAsync);
        await AccessAssert.Denied("CreateItem", () => viewer.CreateItemAsync(world.Scenario.CommunityCentreItem()).ResponseAsync);
        await AccessAssert.Denied("CreatePlan", () => editor.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = Home, Name = "x" }, Name = "編集者の計画", StartFiscalYear = "2020",
            EndFiscalYear = "2024"
        }).ResponseAsync, "admin");
        await AccessAssert.Denied("CreateNode", () => editor.CreateNodeAsync(
            new CreateNodeRequest { PlanId = world.Scenario.Plan.Id, LevelName = "推進方針", Code = "Z", Title = "t" }).ResponseAsync);
        await AccessAssert.Denied("UpdateDepartment", () =>
            editor.UpdateDepartmentAsync(new UpdateDepartmentRequest { Id = world.Department.ToString(), Name = "改名課" }).ResponseAsync);
        await AccessAssert.Denied("DeletePriorityGoal", () => editor.DeletePriorityGoalAsync(
            new DeletePriorityGoalRequest { Id = world.Goal.Id, Version = world.Goal.Version }).ResponseAsync);

        Assert.Equal(world.Item, (await fixture.Client.GetItemAsync(new GetItemRequest { Id = world.Item.Id })).Item);
        Assert.Equal(world.Goal, (await fixture.Client.GetPriorityGoalAsync(new GetPriorityGoalRequest { Id = world.Goal.Id })).Goal);
        await using var db = fixture.OpenDatabase();
        Assert.False(await db.Plans.AnyAsync(p => p.Name == "編集者の計画"));
    }

    [Fact]
    public async Task ASystemCallerGetsExactlyItsScopesInItsOwnMunicipality()
    {
        var foreign = await WorldAsync(Foreign);
        var home = await WorldAsync(Home);
        var reader = As(TestAuth.SystemToken(Home, KyodoScopes.Read));
        var writer = As(TestAuth.SystemToken(Home, KyodoScopes.Read, KyodoScopes.Write));

        Assert.Equal(home.Item.Id, (await reader.GetItemAsync(new GetItemRequest { Id = home.Item.Id })).Item.Id);
        await AccessAssert.Denied("RecordActual", () => reader.RecordActualAsync(new RecordActualRequest
        {
            IndicatorId = home.IndicatorId,
            ItemVersion = home.Item.Version, FiscalYear = "H21", Value = "1"
        }).ResponseAsync, KyodoScopes.Write);
        // kyodo.write writes any department's item, but administers nothing.
        await writer.RecordActualAsync(
            new RecordActualRequest { IndicatorId = home.IndicatorId, ItemVersion = home.Item.Version, FiscalYear = "H21", Value = "5" });
        await AccessAssert.Denied("CreateNode", () => writer.CreateNodeAsync(new CreateNodeRequest
        {
            PlanId = home.Scenario.Plan.Id,
            LevelName = "推進方針", Code = "Z", Title = "t"
        }).ResponseAsync, KyodoScopes.Admin);
        // Without kyodo.all-municipalities a system caller is confined to its municipality like anyone.
        await AccessAssert.LikeMissing("GetItem", foreign.Item.Id, id => writer.GetItemAsync(new GetItemRequest { Id = id }).ResponseAsync);
        // A token naming no municipality reaches none.
        await AccessAssert.Denied("GetItem", () => As(TestAuth.SystemToken(null, KyodoScopes.Read))
            .GetItemAsync(new GetItemRequest { Id = home.Item.Id }).ResponseAsync, "municipality");
        await AccessAssert.Denied("GetItem", () => As(TestAuth.Mint(new TokenRequest("nobody", null, [KyodoRoles.Viewer])))
            .GetItemAsync(new GetItemRequest { Id = home.Item.Id }).ResponseAsync);
        // A token with no role at all reads nothing.
        await AccessAssert.Denied("GetItem", () =>
            As(TestAuth.Mint(new TokenRequest("nobody", Home, []))).GetItemAsync(new GetItemRequest { Id = home.Item.Id }).ResponseAsync);
    }

    [Fact]
    public async Task OnlyTheMunicipalitysAdminReadsAnAuditTrail()
    {
        var world = await WorldAsync(Home);
        var request = new Kyodo.Common.V1.GetAuditTrailRequest { MunicipalityCode = Home, RecordType = "item", RecordId = world.Item.Id };

        await AccessAssert.Denied("GetAuditTrail", () => Editor(world.Department).GetAuditTrailAsync(request).ResponseAsync, "admin");
        await AccessAssert.Denied("GetAuditTrail", () => Viewer().GetAuditTrailAsync(request).ResponseAsync);
        await AccessAssert.Denied("GetAuditTrail", () => Admin(Foreign).GetAuditTrailAsync(request).ResponseAsync, "municipality_code");
        var entries = (await Admin().GetAuditTrailAsync(request)).Entries;
        Assert.Equal(("created", "kyodo-tests"), (entries.Single().Action, entries.Single().Actor.Subject));
    }

    [Fact]
    public async Task AServiceWithoutAnAuthSectionDoesNotStart()
    {
        var settings = ServiceSettings.For("Plan", fixture.Database, fixture.VirtualHost);
        foreach (var key in TestAuth.Settings.Keys) settings[key] = ""; // blank even if the environment sets Auth__*

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ServiceUnderTest.StartAsync(PlanApp.Create, settings, waitUntilReady: false));

        Assert.Contains("Auth:Audience", ex.Message);
        Assert.Contains("Auth:SigningKey (or Auth:Authority)", ex.Message);
    }

    [Fact]
    public void EveryPlanRpcIsDeclaredInTheAccessTableAndNothingElseIs()
    {
        var methods = PlanService.Descriptor.Methods.Select(m => m.Name).Order().ToList();
        Assert.Equal(PlanService.Descriptor.FullName, PlanAccess.Table.Service);
        Assert.Equal(methods, PlanAccess.Table.Rules.Keys.Order().ToList());
    }
}
