using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>
/// Every update RPC of the plan service changes the fields its update_mask names (gRPC) or its
/// PATCH body holds (REST) and nothing else: the other fields are as they were, in storage and in
/// the event the change publishes.
/// </summary>
public sealed class PartialUpdateTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    private PlanService.PlanServiceClient Client => fixture.Client;

    private static FieldMask Mask(params string[] paths) => new() { Paths = { paths } };

    /// <summary>Serialised, so records holding lists compare by content.</summary>
    private static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>The message with the fields a change may move cleared: what must be the same before and after.</summary>
    private static T Except<T>(T message, params string[] fields) where T : IMessage<T>
    {
        var copy = message.Clone();
        foreach (var path in fields)
        {
            IMessage at = copy;
            var parts = path.Split('.');
            for (var i = 0; i < parts.Length - 1; i++) at = (IMessage)at.Descriptor.FindFieldByName(parts[i]).Accessor.GetValue(at);
            at.Descriptor.FindFieldByName(parts[^1]).Accessor.Clear(at);
        }
        return copy;
    }

    private async Task PatchAsync(string path, object body)
    {
        var (status, json) = await fixture.Service.PatchAsync(path, body);
        Assert.True(status == HttpStatusCode.OK, $"PATCH {path} answered {(int)status}: {json}");
    }

    [Theory, InlineData("grpc"), InlineData("rest")]
    public async Task ANewTitleAloneLeavesTheItemsOtherFieldsAndPlacementsAsTheyWereInStorageAndInTheEvent(string transport)
    {
        var scenario = await YamaguchiScenario.CreateAsync(Client);
        var request = scenario.CommunityCentreItem();
        request.Fields.SpecialNotes = "公民館の名称はそのまま使う";
        request.Fields.YearlyGoals.Add(new YearlyGoalInput { FiscalYear = "H21", Text = "全公民館で位置づけ" });
        var created = (await Client.CreateItemAsync(request)).Item;
        var (createdEvent, _) = await fixture.Events.WaitForAsync<ItemCreated>(e => e.Item.ItemId == Guid.Parse(created.Id));
        const string title = "地域交流センターの設置と運営";

        if (transport == "grpc")
            await Client.UpdateItemAsync(new UpdateItemRequest
            {
                Id = created.Id, Version = created.Version, Fields = new ItemFields { Title = title }, UpdateMask = Mask("fields.title"),
            });
        else // the call of the report: no placements, a fields object with only the title
            await PatchAsync($"/plan/v1/items/{created.Id}", new { version = created.Version, fields = new { title } });

        var stored = (await Client.GetItemAsync(new GetItemRequest { Id = created.Id })).Item;
        Assert.Equal(title, stored.Fields.Title);
        Assert.Equal(Except(created, "fields.title", "version", "revision", "updated_at"),
            Except(stored, "fields.title", "version", "revision", "updated_at"));
        await using (var db = fixture.OpenDatabase())
        {
            var row = await db.Items.AsNoTracking().Include(i => i.Placements).SingleAsync(i => i.Id == Guid.Parse(created.Id));
            Assert.Equal((request.Fields.Purpose, request.Fields.SpecialNotes, 1), (row.Purpose, row.SpecialNotes, row.Placements.Count));
        }
        var (updated, _) = await fixture.Events.WaitForAsync<ItemUpdated>(e => e.Item.ItemId == Guid.Parse(created.Id));
        Assert.Equal(Json(createdEvent.Item with { Revision = 2, Title = title }), Json(updated.Item));
    }

    [Theory, InlineData("grpc"), InlineData("rest")]
    public async Task ANewPlanNameKeepsItsPeriodInStorageAndInTheEvent(string transport)
    {
        var plan = (await YamaguchiScenario.CreateAsync(Client)).Plan;
        var name = $"山口市協働推進プラン（改訂） {Guid.NewGuid():N}";

        if (transport == "grpc")
            await Client.UpdatePlanAsync(
                new UpdatePlanRequest { Id = plan.Id, Version = plan.Version, Name = name, UpdateMask = Mask("name") });
        else
            await PatchAsync($"/plan/v1/plans/{plan.Id}", new { version = plan.Version, name });

        var stored = (await Client.GetPlanAsync(new GetPlanRequest { Id = plan.Id })).Plan;
        Assert.Equal((name, 2008, 2012), (stored.Name, stored.StartFiscalYear, stored.EndFiscalYear));
        var (updated, _) = await fixture.Events.WaitForAsync<PlanUpdated>(e => e.PlanId == Guid.Parse(plan.Id));
        Assert.Equal((name, 2008, 2012, 2), (updated.Name, updated.StartFiscalYear, updated.EndFiscalYear, updated.Revision));
    }

    [Theory, InlineData("grpc"), InlineData("rest")]
    public async Task ANewNodeTitleKeepsItsLevelCodeAndPositionInStorageAndInTheEvent(string transport)
    {
        var node = (await YamaguchiScenario.CreateAsync(Client)).MeasureI1;
        const string title = "活動(交流)拠点機能の充実・強化";

        if (transport == "grpc")
            await Client.UpdateNodeAsync(
                new UpdateNodeRequest { Id = node.Id, Version = node.Version, Title = title, UpdateMask = Mask("title") });
        else
            await PatchAsync($"/plan/v1/nodes/{node.Id}", new { version = node.Version, title });

        var stored = (await Client.ListNodesAsync(new ListNodesRequest { PlanId = node.PlanId })).Nodes.Single(n => n.Id == node.Id);
        Assert.Equal(title, stored.Title);
        Assert.Equal(Except(node, "title", "version", "revision"), Except(stored, "title", "version", "revision"));
        var (changed, _) = await fixture.Events.WaitForAsync<PlanNodeChanged>(e => e.NodeId == Guid.Parse(node.Id) && e.Revision == 2);
        Assert.Equal(("推進施策", "(1)", title, node.Position, false),
            (changed.LevelName, changed.Code, changed.Title, changed.Position, changed.Deleted));
    }

    [Theory, InlineData("grpc"), InlineData("rest")]
    public async Task ANewIndicatorUnitKeepsItsNameKindDirectionBaselineAndTargetsInStorageAndInTheEvent(string transport)
    {
        var scenario = await YamaguchiScenario.CreateAsync(Client);
        var request = scenario.CommunityCentreItem();
        request.Indicators.Add(new IndicatorInput
        {
            Kind = IndicatorKind.Outcome, Name = "地域交流センター数", Unit = "箇所", Direction = IndicatorDirection.HigherIsBetter,
            BaselineValue = "0", BaselineFiscalYear = "H19", Targets = { new YearValueInput { FiscalYear = "H21", Value = "21" } },
        });
        var item = (await Client.CreateItemAsync(request)).Item;
        var indicator = item.Indicators.Single();
        var (createdEvent, _) = await fixture.Events.WaitForAsync<ItemCreated>(e => e.Item.ItemId == Guid.Parse(item.Id));

        if (transport == "grpc")
            await Client.UpdateIndicatorAsync(new UpdateIndicatorRequest
            {
                IndicatorId = indicator.Id, ItemVersion = item.Version, Indicator = new IndicatorInput { Unit = "館" },
                UpdateMask = Mask("indicator.unit"),
            });
        else
            await PatchAsync($"/plan/v1/indicators/{indicator.Id}", new { itemVersion = item.Version, indicator = new { unit = "館" } });

        var stored = (await Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item.Indicators.Single();
        Assert.Equal("館", stored.Unit);
        Assert.Equal(Except(indicator, "unit"), Except(stored, "unit"));
        var (updated, _) = await fixture.Events.WaitForAsync<ItemUpdated>(e => e.Item.ItemId == Guid.Parse(item.Id));
        var before = createdEvent.Item.Indicators.Single();
        Assert.Equal(Json(createdEvent.Item with { Revision = 2, Indicators = [before with { Unit = "館" }] }), Json(updated.Item));
    }

    [Theory, InlineData("grpc"), InlineData("rest")]
    public async Task ANewGoalTitleKeepsItsDepartmentYearDescriptionAndItemsInStorageAndInTheEvent(string transport)
    {
        var goal = (await Client.CreatePriorityGoalAsync(new CreatePriorityGoalRequest
        {
            Goal = new PriorityGoalInput
            {
                MunicipalityCode = "20203", Department = "市民参加協働部・上田地域自治C", FiscalYear = "平成30年度",
                Title = "地域内分権の確立に向けた地域主体の自治の推進", Description = "住民自治組織の設立と運営を支える",
                Items = { new PriorityGoalItem { Number = "①", Text = "住民自治組織の設立促進", Target = "年度末まで", Achievement = "9組織" } },
            },
        })).Goal;
        const string title = "地域主体の自治の推進";

        if (transport == "grpc")
            await Client.UpdatePriorityGoalAsync(new UpdatePriorityGoalRequest
            {
                Id = goal.Id, Version = goal.Version, Goal = new PriorityGoalInput { Title = title }, UpdateMask = Mask("goal.title"),
            });
        else
            await PatchAsync($"/plan/v1/priority-goals/{goal.Id}", new { version = goal.Version, goal = new { title } });

        var stored = (await Client.GetPriorityGoalAsync(new GetPriorityGoalRequest { Id = goal.Id })).Goal;
        Assert.Equal(title, stored.Title);
        Assert.Equal(Except(goal, "title", "version", "revision"), Except(stored, "title", "version", "revision"));
        var (changed, _) = await fixture.Events.WaitForAsync<PriorityGoalChanged>(e => e.GoalId == Guid.Parse(goal.Id) && e.Revision == 2);
        Assert.Equal((goal.Department.Name, 2018, goal.Position, title, "住民自治組織の設立と運営を支える"),
            (changed.DepartmentName, changed.FiscalYear, changed.Position, changed.Title, changed.Description));
        Assert.Equal("①|住民自治組織の設立促進|年度末まで|9組織",
            string.Join("|", changed.Items.Select(i => $"{i.Number}|{i.Text}|{i.Target}|{i.Achievement}")));
    }

    [Theory, InlineData("grpc"), InlineData("rest")]
    public async Task ADepartmentIsRenamedByItsMaskAndStaysInItsMunicipality(string transport)
    {
        var department = (await Client.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = "35203", Name = $"協働推進課 {Guid.NewGuid():N}" })).Department;
        var name = $"協働推進課（地域振興部） {Guid.NewGuid():N}";

        if (transport == "grpc")
            await Client.UpdateDepartmentAsync(new UpdateDepartmentRequest { Id = department.Id, Name = name, UpdateMask = Mask("name") });
        else
            await PatchAsync($"/plan/v1/departments/{department.Id}", new { name });

        var stored = (await Client.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = "35203" })).Departments.Single(
            d => d.Id == department.Id);
        Assert.Equal(Except(department, "name"), Except(stored, "name"));
        Assert.Equal(name, stored.Name);
        var (changed, _) =
            await fixture.Events.WaitForAsync<DepartmentChanged>(e => e.DepartmentId == Guid.Parse(department.Id) && e.Revision == 2);
        Assert.Equal(("35203", name, false), (changed.MunicipalityCode, changed.Name, changed.Deleted));
    }

    [Fact]
    public async Task AMaskNamingAnUnknownAFixedOrAControlFieldIsRefusedByNameAndChangesNothing()
    {
        var scenario = await YamaguchiScenario.CreateAsync(Client);
        var request = scenario.CommunityCentreItem();
        request.Indicators.Add(
            new IndicatorInput { Kind = IndicatorKind.Activity, Name = "回数", Unit = "回", Direction = IndicatorDirection.HigherIsBetter });
        var item = (await Client.CreateItemAsync(request)).Item;

        var unknown = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Client.UpdateItemAsync(new UpdateItemRequest
        {
            Id = item.Id, Version = item.Version, Fields = new ItemFields { Title = "x" },
            UpdateMask = Mask("fields.title", "fields.colour"),
        }).ResponseAsync);
        Assert.Contains("'fields.colour' is not a field of UpdateItemRequest", RpcAssert.FieldViolations(unknown)["update_mask"]);
        var part = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Client.UpdateItemAsync(new UpdateItemRequest
        {
            Id = item.Id, Version = item.Version, UpdateMask = Mask("fields.rank.of"),
        }).ResponseAsync);
        Assert.Contains("is part of fields.rank, which changes as a whole", RpcAssert.FieldViolations(part)["update_mask"]);
        var version = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Client.UpdateItemAsync(new UpdateItemRequest
        {
            Id = item.Id, Version = item.Version, UpdateMask = Mask("version"),
        }).ResponseAsync);
        Assert.Contains("'version' is not a field to change", RpcAssert.FieldViolations(version)["update_mask"]);
        var targets = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Client.UpdateIndicatorAsync(new UpdateIndicatorRequest
        {
            IndicatorId = item.Indicators[0].Id, ItemVersion = item.Version, Indicator = new IndicatorInput(),
            UpdateMask = Mask("indicator.targets"),
        }).ResponseAsync);
        Assert.Contains("'indicator.targets' cannot be changed here: targets change by ReviseTarget",
            RpcAssert.FieldViolations(targets)["update_mask"]);
        var nothing = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Client.UpdateItemAsync(new UpdateItemRequest
        {
            Id = item.Id, Version = item.Version,
        }).ResponseAsync);
        Assert.Contains("names no field to change", RpcAssert.FieldViolations(nothing)["update_mask"]);

        var stored = (await Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
        Assert.Equal(item, stored);
    }

    [Fact]
    public async Task ARestBodyNamingAFieldTheRpcDoesNotChangeIsRefusedByName()
    {
        var goal = (await Client.CreatePriorityGoalAsync(new CreatePriorityGoalRequest
        {
            Goal = new PriorityGoalInput { MunicipalityCode = "20203", Department = "交流推進課", FiscalYear = "H30", Title = "交流の推進" },
        })).Goal;

        var (status, body) = await fixture.Service.PatchAsync($"/plan/v1/priority-goals/{goal.Id}",
            new { version = goal.Version, goal = new { municipalityCode = "20208", title = "奪取" } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'goal.municipality_code' cannot be changed here: a goal stays in its municipality",
            body.GetProperty("message").GetString());
        Assert.Equal(goal, (await Client.GetPriorityGoalAsync(new GetPriorityGoalRequest { Id = goal.Id })).Goal);
    }

    [Fact]
    public async Task AStarReplacesEveryFieldSoWhatTheRequestLeavesEmptyIsCleared()
    {
        var scenario = await YamaguchiScenario.CreateAsync(Client);
        var created = (await Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;
        var fields = new ItemFields { Title = "地域交流センターの設置", Departments = { "協働推進課" } };

        var replaced = (await Client.UpdateItemAsync(new UpdateItemRequest
        {
            Id = created.Id, Version = created.Version, Fields = fields,
            Placements = { new PlacementInput { NodeId = scenario.MeasureIV2.Id, Code = "③", Primary = true } }, UpdateMask = Mask("*"),
        })).Item;

        Assert.Equal((fields, "Ⅳ-(2)-③"), (replaced.Fields, replaced.Placements.Single().Reference));
        Assert.Equal("", (await Client.GetItemAsync(new GetItemRequest { Id = created.Id })).Item.Fields.Purpose);
    }

    [Fact]
    public async Task AGrpcCallWithoutAMaskChangesWhatItSetsAndAStaleVersionIsStillAborted()
    {
        var scenario = await YamaguchiScenario.CreateAsync(Client);
        var created = (await Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;

        var updated = (await Client.UpdateItemAsync(new UpdateItemRequest
        {
            Id = created.Id, Version = created.Version, Fields = new ItemFields { Purpose = "拠点をつくる" },
        })).Item;
        await RpcAssert.FailsWith(StatusCode.Aborted, () => Client.UpdateItemAsync(new UpdateItemRequest
        {
            Id = created.Id, Version = created.Version, Fields = new ItemFields { Title = "遅れた書き込み" }, UpdateMask = Mask("fields.title"),
        }).ResponseAsync);

        Assert.Equal(("拠点をつくる", created.Fields.Title, created.Fields.Content),
            (updated.Fields.Purpose, updated.Fields.Title, updated.Fields.Content));
        Assert.Equal(created.Placements, updated.Placements);
        Assert.Equal(updated, (await Client.GetItemAsync(new GetItemRequest { Id = created.Id })).Item);
    }
}
