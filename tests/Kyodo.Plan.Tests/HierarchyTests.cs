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
    public async Task PlanPeriodsWrittenAsDocumentsWriteThemAreStoredAsGregorianYears(string start, string end, int expectedStart, int expectedEnd)
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
            Id = scenario.Plan.Id, Version = scenario.Plan.Version, Name = scenario.Plan.Name + "（改訂）", StartFiscalYear = "H20", EndFiscalYear = "H25",
        })).Plan;

        await RpcAssert.FailsWith(StatusCode.Aborted, () => fixture.Client.UpdatePlanAsync(new UpdatePlanRequest
        {
            Id = scenario.Plan.Id, Version = scenario.Plan.Version, Name = "古い版からの変更", StartFiscalYear = "H20", EndFiscalYear = "H24",
        }).ResponseAsync);
        Assert.Equal(2013, renamed.EndFiscalYear);

        await fixture.Client.DeletePlanAsync(new DeletePlanRequest { Id = renamed.Id, Version = renamed.Version });

        await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id }).ResponseAsync);
        Assert.Equal(0, (await fixture.Client.ListItemsAsync(new ListItemsRequest { MunicipalityCode = "35208" })).TotalCount);
        await fixture.Events.WaitForAsync<PlanDeleted>(e => e.PlanId == Guid.Parse(renamed.Id));
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
        await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetPlanAsync(new GetPlanRequest { Id = imported.Id }).ResponseAsync);
    }
}
