using Google.Rpc;
using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

public sealed class HierarchyTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    [Theory]
    [InlineData("平成20年度", "平成24年度", 2008, 2012)]
    [InlineData("H31", "令和3年度", 2019, 2021)]
    [InlineData("令和元年度", "R2", 2019, 2020)]
    [InlineData("平成32年度", "平成34年度", 2020, 2022)]
    [InlineData("２０１７", "Ｈ３２", 2017, 2020)]
    [InlineData("S64", "H1", 1989, 1989)]
    public async Task PlanPeriodsWrittenAsDocumentsWriteThemAreStoredAsGregorianYears(string start, string end, int expectedStart,
        int expectedEnd)
    {
        var plan = (await fixture.Client.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new Common.V1.MunicipalityRef { Code = "13211", Name = "小平市" },
            Name = $"期間 {start}–{end}",
            StartFiscalYear = start,
            EndFiscalYear = end,
        })).Plan;

        Assert.Equal((expectedStart, expectedEnd), (plan.StartFiscalYear, plan.EndFiscalYear));
    }

    [Fact]
    public async Task APrintedCodeTakenUnderTheSameParentIsAlreadyExistsButFreeUnderAnother()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);

        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => fixture.Client.CreateNodeAsync(new CreateNodeRequest
        {
            PlanId = scenario.Plan.Id, ParentId = scenario.PolicyI.Id, LevelName = "推進施策", Code = "(1)", Title = "重複",
        }).ResponseAsync);
        var elsewhere = (await fixture.Client.CreateNodeAsync(new CreateNodeRequest
        {
            PlanId = scenario.Plan.Id, ParentId = scenario.PolicyIV.Id, LevelName = "推進施策", Code = "(1)", Title = "市政への参画の仕組みづくり",
        })).Node;

        var nodes = (await fixture.Client.ListNodesAsync(new ListNodesRequest { PlanId = scenario.Plan.Id })).Nodes;
        Assert.Equal(["I", "(1)", "Ⅳ", "(2)", "(1)"], nodes.Select(n => n.Code)); // tree order: parents first, siblings by position
        Assert.Equal([0, 1, 0, 1, 1], nodes.Select(n => n.Depth));
        await fixture.Events.WaitForAsync<PlanNodeChanged>(e => e.NodeId == Guid.Parse(elsewhere.Id) && e.Code == "(1)");
    }

    [Fact]
    public async Task ANodeWithItemsOrChildrenCannotBeDeleted()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem());

        var withItems = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => fixture.Client.DeleteNodeAsync(
            new DeleteNodeRequest { Id = scenario.MeasureI1.Id, Version = scenario.MeasureI1.Version }).ResponseAsync);
        var withChildren = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => fixture.Client.DeleteNodeAsync(
            new DeleteNodeRequest { Id = scenario.PolicyI.Id, Version = scenario.PolicyI.Version }).ResponseAsync);

        Assert.Equal("NODE_HAS_ITEMS", withItems.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal("NODE_HAS_CHILDREN", withChildren.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal(4, (await fixture.Client.ListNodesAsync(new ListNodesRequest { PlanId = scenario.Plan.Id })).Nodes.Count);
    }

    [Fact]
    public async Task AStaleUpdateOfAPlanIsAbortedAndADeletedPlanTakesItsItemsWithIt()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35208");
        var item = (await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;
        var renamed = (await fixture.Client.UpdatePlanAsync(new UpdatePlanRequest
        {
            Id = scenario.Plan.Id, Version = scenario.Plan.Version, Name = scenario.Plan.Name + "（改訂）", StartFiscalYear = "H20",
            EndFiscalYear = "H25",
        })).Plan;

        await RpcAssert.FailsWith(StatusCode.Aborted, () => fixture.Client.UpdatePlanAsync(new UpdatePlanRequest
        {
            Id = scenario.Plan.Id, Version = scenario.Plan.Version, Name = "古い版からの変更", StartFiscalYear = "H20", EndFiscalYear = "H24",
        }).ResponseAsync);
        Assert.Equal(2013, renamed.EndFiscalYear);

        await fixture.Client.DeletePlanAsync(new DeletePlanRequest { Id = renamed.Id, Version = renamed.Version });

        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id }).ResponseAsync);
        Assert.Equal(0, (await fixture.Client.ListItemsAsync(new ListItemsRequest { MunicipalityCode = "35208" })).TotalCount);
        await fixture.Events.WaitForAsync<PlanDeleted>(e => e.PlanId == Guid.Parse(renamed.Id));
    }

    [Fact]
    public async Task APeriodThatWouldStrandSchedulesTargetsOrActualsIsRefusedNamingThemAndChangesNothing()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var request = scenario.CommunityCentreItem(); // schedule 検討 in H20 (FY2008), 実施・完了予定 in H21
        request.Indicators.Add(new IndicatorInput
        {
            Kind = IndicatorKind.Activity, Name = "設置数", Unit = "館", Direction = IndicatorDirection.HigherIsBetter,
            Targets = { new YearValueInput { FiscalYear = "H24", Value = "21" }, new YearValueInput { FiscalYear = "H26", Value = "21" } },
            Actuals = { new YearValueInput { FiscalYear = "H24", Value = "18" } },
        });
        var item = (await fixture.Client.CreateItemAsync(request)).Item;
        await using var db = fixture.OpenDatabase();
        var outbox = await db.Set<Kyodo.ServiceDefaults.Messaging.OutboxMessage>().CountAsync();
        UpdatePlanRequest Period(string start, string end) => new()
        { Id = scenario.Plan.Id, Version = scenario.Plan.Version, Name = scenario.Plan.Name, StartFiscalYear = start, EndFiscalYear = end };

        // H21–H23 drops FY2008 (the schedule's 検討) and FY2012 (a target and an actual).
        var ex = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => fixture.Client.UpdatePlanAsync(Period("H21", "H23")).ResponseAsync);

        var info = ex.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal("PLAN_PERIOD_WOULD_STRAND_DATA", info.Reason);
        Assert.Equal("2008,2012", info.Metadata["fiscal_years"]);
        Assert.Contains("schedule FY2008 of item \"地域交流センターの設置\"", ex.Status.Detail);
        Assert.Contains("target of indicator \"設置数\" FY2012", ex.Status.Detail);
        Assert.Contains("actual of indicator \"設置数\" FY2012", ex.Status.Detail);
        Assert.DoesNotContain("FY2014", ex.Status.Detail); // H26 lay outside the period before: not this change's doing
        Assert.Equal(scenario.Plan, (await fixture.Client.GetPlanAsync(new GetPlanRequest { Id = scenario.Plan.Id })).Plan);
        Assert.Equal(item, (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item);
        Assert.Equal(outbox, await db.Set<Kyodo.ServiceDefaults.Messaging.OutboxMessage>().CountAsync());

        // Dropping only empty years (H24 keeps its target and actual, so only a later end is free) and widening are fine.
        var widened = (await fixture.Client.UpdatePlanAsync(Period("H19", "H25"))).Plan;
        Assert.Equal((2007, 2013), (widened.StartFiscalYear, widened.EndFiscalYear));
        var narrowed = (await fixture.Client.UpdatePlanAsync(new UpdatePlanRequest
        { Id = widened.Id, Version = widened.Version, Name = widened.Name, StartFiscalYear = "H20", EndFiscalYear = "H24" })).Plan;
        Assert.Equal((2008, 2012), (narrowed.StartFiscalYear, narrowed.EndFiscalYear));
    }

    [Fact]
    public async Task ACodePrintedWithItsParentsCodeInItIsNotJoinedToItAgain()
    {
        // 000: 政策 6 → 施策 6-1; the sheet's 整理番号 is 6-1 (its items print no code of their own), never 6-6-1.
        var plan = (await fixture.Client.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new Common.V1.MunicipalityRef { Code = "20208", Name = "小諸市" }, Name = $"実施計画 {Guid.NewGuid():N}",
            StartFiscalYear = "H31", EndFiscalYear = "H33",
        })).Plan;
        var policy = (await fixture.Client.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "政策", Code = "6", Title = "協働" })).Node;
        var measure = (await fixture.Client.CreateNodeAsync(new CreateNodeRequest
        { PlanId = plan.Id, ParentId = policy.Id, LevelName = "施策", Code = "6-1", Title = "協働によるまちづくり" })).Node;
        var other = (await fixture.Client.CreateNodeAsync(new CreateNodeRequest
        { PlanId = plan.Id, ParentId = policy.Id, LevelName = "施策", Code = "2", Title = "番号だけの施策" })).Node;

        async Task<string> ReferenceAsync(string nodeId, string code) => (await fixture.Client.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = $"事業 {Guid.NewGuid():N}" },
            Placements = { new PlacementInput { NodeId = nodeId, Code = code, Primary = true } },
        })).Item.Placements.Single().Reference;

        Assert.Equal("6-1", await ReferenceAsync(measure.Id, ""));
        Assert.Equal("6-1-3", await ReferenceAsync(measure.Id, "3"));
        Assert.Equal("6-1-4", await ReferenceAsync(measure.Id, "6-1-4")); // the item's own code printed whole, too
        Assert.Equal("6-2-1", await ReferenceAsync(other.Id, "1"));       // a code without its parent's is joined as before
    }

    [Fact]
    public async Task ANewNodeCodeRepublishesTheReferencesOfEveryItemBelowItInTheSameWrite()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var underI1 = (await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem())).Item; // I-(1)-①
        var elsewhere = scenario.CommunityCentreItem();
        elsewhere.Fields.Title = "協働事業提案制度";
        elsewhere.Placements[0] = new PlacementInput { NodeId = scenario.MeasureIV2.Id, Code = "①", Primary = true };
        var underIV2 = (await fixture.Client.CreateItemAsync(elsewhere)).Item;
        Assert.Equal("I-(1)-①", underI1.Placements.Single().Reference);

        // 推進方針 I becomes Ⅰ (the full-width numeral the printed plan uses elsewhere): I-(1)-① now prints Ⅰ-(1)-①.
        var policy = scenario.PolicyI;
        await fixture.Client.UpdateNodeAsync(new UpdateNodeRequest
        {
            Id = policy.Id, Version = policy.Version, LevelName = policy.LevelName, Code = "Ⅰ", Title = policy.Title,
            Position = policy.Position
        });

        var reread = (await fixture.Client.GetItemAsync(new GetItemRequest { Id = underI1.Id })).Item;
        Assert.Equal("Ⅰ-(1)-①", reread.Placements.Single().Reference);
        Assert.NotEqual(underI1.Version, reread.Version); // an editor holding the old item must re-read it
        var (published, _) = await fixture.Events.WaitForAsync<ItemUpdated>(e => e.Item.ItemId == Guid.Parse(underI1.Id));
        Assert.Equal(2, published.Item.Revision);
        Assert.Equal("Ⅰ-(1)-①", published.Item.Placements.Single().Reference);
        var history = (await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = underI1.Id })).Changes;
        Assert.Equal(["created", "reference_changed"], history.Select(c => c.Kind));
        using var snapshot = System.Text.Json.JsonDocument.Parse(history[1].SnapshotJson);
        Assert.Equal("Ⅰ-(1)-①", snapshot.RootElement.GetProperty("placements")[0].GetProperty("reference").GetString());

        // The item under Ⅳ-(2) is untouched: same version, one history row, no event.
        Assert.Equal(underIV2, (await fixture.Client.GetItemAsync(new GetItemRequest { Id = underIV2.Id })).Item);
        Assert.Single((await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = underIV2.Id })).Changes);
        Assert.DoesNotContain(fixture.Events.Received<ItemUpdated>(), e => e.Message.Item.ItemId == Guid.Parse(underIV2.Id));

        // A title-only change of a node changes no reference and republishes nothing.
        var measure = scenario.MeasureI1;
        await fixture.Client.UpdateNodeAsync(new UpdateNodeRequest
        {
            Id = measure.Id, Version = measure.Version, LevelName = measure.LevelName, Code = measure.Code, Title = "活動拠点機能の充実",
            Position = measure.Position
        });
        Assert.Equal(reread, (await fixture.Client.GetItemAsync(new GetItemRequest { Id = underI1.Id })).Item);
    }

    [Fact]
    public async Task APlanWhoseNodesReusePrintedCodesUnderDifferentParentsCanBeDeleted()
    {
        // Kodaira prints "1" for both the 推進方針 and the heading under it.
        var imported = (await fixture.Client.ImportPlanAsync(Seeds.KodairaPlan.Request())).Plan;

        await fixture.Client.DeletePlanAsync(new DeletePlanRequest { Id = imported.Id, Version = imported.Version });

        await using var db = fixture.OpenDatabase();
        Assert.False(await db.Nodes.AnyAsync(n => n.PlanId == Guid.Parse(imported.Id)));
        Assert.False(await db.Items.AnyAsync(i => i.PlanId == Guid.Parse(imported.Id)));
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => fixture.Client.GetPlanAsync(new GetPlanRequest { Id = imported.Id }).ResponseAsync);
    }
}
