using Google.Rpc;
using Grpc.Core;
using Kyodo.Plan.V1;
using Kyodo.Testing;

namespace Kyodo.Plan.Tests;

// The plan service's own refusals in the language the caller's accept-language asks for; the
// reason a caller branches on and the field names stay the same in both.
public sealed class ErrorLanguageTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    private static readonly Metadata Japanese = new() { { "accept-language", "ja-JP" } };
    private static readonly Metadata English = new() { { "accept-language", "en" } };

    [Fact]
    public async Task ANodeWithChildNodesIsRefusedInJapaneseOrEnglishAsAskedAndStays()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var delete = new DeleteNodeRequest { Id = scenario.PolicyI.Id, Version = scenario.PolicyI.Version };

        var japanese = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => fixture.Client.DeleteNodeAsync(delete, Japanese).ResponseAsync);
        var english = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => fixture.Client.DeleteNodeAsync(delete, English).ResponseAsync);

        Assert.Equal("体系 I にはまだ下位の体系があります。先に削除するか移動してください。", japanese.Status.Detail);
        Assert.Equal("Node I still has child nodes; delete or move them first.", english.Status.Detail);
        Assert.Equal(["NODE_HAS_CHILDREN", "NODE_HAS_CHILDREN"], new[] { japanese, english }.Select(e => e.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
        var nodes = (await fixture.Client.ListNodesAsync(new ListNodesRequest { PlanId = scenario.Plan.Id })).Nodes;
        Assert.Contains(nodes, n => n.Id == scenario.PolicyI.Id);
    }

    [Fact]
    public async Task APlanEndingBeforeItStartsNamesTheProtosFieldWithAJapaneseDescription()
    {
        var request = new CreatePlanRequest
        {
            Municipality = new Common.V1.MunicipalityRef { Code = "13211", Name = "小平市" },
            Name = $"行財政再構築プラン {Guid.NewGuid():N}", StartFiscalYear = "平成29年度", EndFiscalYear = "平成28年度",
        };

        var japanese = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.CreatePlanAsync(request, Japanese).ResponseAsync);
        var english = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.CreatePlanAsync(request, English).ResponseAsync);

        Assert.Equal("start_fiscal_year（2017）より前にはできません", RpcAssert.FieldViolations(japanese)["end_fiscal_year"]);
        Assert.Equal("リクエストに誤りがあります: end_fiscal_year: start_fiscal_year（2017）より前にはできません", japanese.Status.Detail);
        Assert.Equal("must not be before start_fiscal_year (2017)", RpcAssert.FieldViolations(english)["end_fiscal_year"]);
        var plans = (await fixture.Client.ListPlansAsync(new ListPlansRequest { MunicipalityCode = "13211" })).Plans;
        Assert.DoesNotContain(plans, p => p.Name == request.Name);
    }
}
