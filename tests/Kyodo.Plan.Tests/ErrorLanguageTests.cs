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

        var japanese =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => fixture.Client.DeleteNodeAsync(delete, Japanese).ResponseAsync);
        var english =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => fixture.Client.DeleteNodeAsync(delete, English).ResponseAsync);

        Assert.Equal("体系 I にはまだ下位の体系があります。先に削除するか移動してください。", japanese.Status.Detail);
        Assert.Equal("Node I still has child nodes; delete or move them first.", english.Status.Detail);
        Assert.Equal(["NODE_HAS_CHILDREN", "NODE_HAS_CHILDREN"],
            new[] { japanese, english }.Select(e => e.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
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

        var japanese =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.CreatePlanAsync(request, Japanese).ResponseAsync);
        var english =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.CreatePlanAsync(request, English).ResponseAsync);

        Assert.Equal("start_fiscal_year（2017）より前にはできません", RpcAssert.FieldViolations(japanese)["end_fiscal_year"]);
        Assert.Equal("リクエストに誤りがあります: end_fiscal_year: start_fiscal_year（2017）より前にはできません", japanese.Status.Detail);
        Assert.Equal("must not be before start_fiscal_year (2017)", RpcAssert.FieldViolations(english)["end_fiscal_year"]);
        var plans = (await fixture.Client.ListPlansAsync(new ListPlansRequest { MunicipalityCode = "13211" })).Plans;
        Assert.DoesNotContain(plans, p => p.Name == request.Name);
    }

    [Fact]
    public async Task AFiscalYearInAnUnknownEraIsRefusedWithTheReadersReasonInJapaneseOrEnglishAsAsked()
    {
        var request = new CreatePlanRequest
        {
            Municipality = new Common.V1.MunicipalityRef { Code = "13211", Name = "小平市" },
            Name = $"長期計画 {Guid.NewGuid():N}", StartFiscalYear = "大正15年度", EndFiscalYear = "令和7年度",
        };

        var japanese =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.CreatePlanAsync(request, Japanese).ResponseAsync);
        var english =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.CreatePlanAsync(request, English).ResponseAsync);

        Assert.Equal("「大正」 は知らない元号です。使える元号は 昭和（S）・平成（H）・令和（R）です", RpcAssert.FieldViolations(japanese)["start_fiscal_year"]);
        Assert.Equal("unknown era '大正'; the eras accepted are 昭和 (S), 平成 (H) and 令和 (R)",
            RpcAssert.FieldViolations(english)["start_fiscal_year"]);
        var plans = (await fixture.Client.ListPlansAsync(new ListPlansRequest { MunicipalityCode = "13211" })).Plans;
        Assert.DoesNotContain(plans, p => p.Name == request.Name);
    }

    [Fact]
    public async Task ANameHoldingANulCharacterIsRefusedByTheTextCheckInJapaneseOrEnglishAsAsked()
    {
        var request = new CreateDepartmentRequest { MunicipalityCode = "13211", Name = $"総務\0課 {Guid.NewGuid():N}" };

        var japanese = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.CreateDepartmentAsync(request, Japanese).ResponseAsync);
        var english = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.CreateDepartmentAsync(request, English).ResponseAsync);

        Assert.Equal("NUL 文字（U+0000）を含められません（3 文字目）", RpcAssert.FieldViolations(japanese)["name"]);
        Assert.Equal("must not contain a NUL character (U+0000) (character 3)", RpcAssert.FieldViolations(english)["name"]);
        var departments =
            (await fixture.Client.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = "13211" })).Departments;
        Assert.DoesNotContain(departments, d => d.Name.EndsWith(request.Name[^32..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUpdateMaskNamingNoFieldIsRefusedInJapaneseOrEnglishAsAskedAndTheRecordStays()
    {
        var department = (await fixture.Client.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = "13211", Name = $"企画政策課 {Guid.NewGuid():N}" })).Department;
        var update = new UpdateDepartmentRequest
        {
            Id = department.Id, Name = "企画課", UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "colour" } },
        };

        var japanese = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.UpdateDepartmentAsync(update, Japanese).ResponseAsync);
        var english = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.UpdateDepartmentAsync(update, English).ResponseAsync);

        Assert.Equal("「colour」 は UpdateDepartmentRequest のフィールドではありません。フィールドは name です", RpcAssert.FieldViolations(japanese)["update_mask"]);
        Assert.Equal("'colour' is not a field of UpdateDepartmentRequest; the fields are name",
            RpcAssert.FieldViolations(english)["update_mask"]);
        var stored = (await fixture.Client.ListDepartmentsAsync(
            new ListDepartmentsRequest { MunicipalityCode = "13211" })).Departments.Single(d => d.Id == department.Id);
        Assert.Equal(department.Name, stored.Name);
    }
}
