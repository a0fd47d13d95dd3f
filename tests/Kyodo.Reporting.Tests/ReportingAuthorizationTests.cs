using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.Grpc;
using Kyodo.Reporting.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

// Reports are reads of one municipality: another municipality's code is refused before any
// report is built, another municipality's id answers like a missing one. Negative cases first.
public sealed class ReportingAuthorizationTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private const string Home = "99401";
    private const string Foreign = "99402";

    private ReportingService.ReportingServiceClient As(string? token) => new(fixture.Service.ChannelAs(token));

    /// <summary>A plan of <paramref name="municipality"/> as reporting learns it from the plan service's event.</summary>
    private async Task<Guid> PlanOfAsync(string municipality)
    {
        await using var publisher = await TestPublisher.StartAsync(fixture.VirtualHost);
        var planId = Guid.NewGuid();
        var created = new PlanCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, municipality, planId, $"計画 {planId:N}", 2019, 2020, 1);
        var before = (await fixture.Client.GetMunicipalityOverviewAsync(
            new GetMunicipalityOverviewRequest { MunicipalityCode = municipality })).PlanCount;
        await publisher.PublishAsync(created, created.EventId);
        await fixture.OverviewWhenAsync(municipality, o => o.PlanCount > before);
        return planId;
    }

    private static async Task<byte[]> DownloadAsync(ReportingService.ReportingServiceClient client, ExportReportRequest request)
    {
        using var call = client.ExportReport(request);
        var data = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync()) chunk.Data.WriteTo(data);
        return data.ToArray();
    }

    [Fact]
    public async Task EveryKindOfBadTokenIsUnauthenticated()
    {
        await AccessAssert.EveryBadTokenUnauthenticated(fixture.Service, channel =>
            new ReportingService.ReportingServiceClient(channel).GetMunicipalityOverviewAsync(
                new GetMunicipalityOverviewRequest { MunicipalityCode = Home }).ResponseAsync);
        await AccessAssert.EveryBadTokenUnauthenticated(fixture.Service, channel => DownloadAsync(
            new ReportingService.ReportingServiceClient(channel),
            new ExportReportRequest
            {
                Format = ExportFormat.Csv,
                DepartmentSummary = new DepartmentSummaryRequest { MunicipalityCode = Home }
            }));
    }

    [Fact]
    public async Task AnotherMunicipalitysCodeIsRefusedOnEveryReportWhetherOrNotItHasData()
    {
        var planId = (await PlanOfAsync(Foreign)).ToString();
        var viewer = As(TestAuth.UserToken(Home, KyodoRoles.Viewer));

        foreach (var code in new[] { Foreign, "99499" }) // a municipality with data and one without: the same answer
        {
            await AccessAssert.Denied("GetMunicipalityOverview", () =>
                viewer.GetMunicipalityOverviewAsync(new GetMunicipalityOverviewRequest { MunicipalityCode = code }).ResponseAsync, code);
            await AccessAssert.Denied("GetDepartmentSummary", () => viewer.GetDepartmentSummaryAsync(
                new DepartmentSummaryRequest { MunicipalityCode = code }).ResponseAsync, "municipality_code");
            await AccessAssert.Denied("GetPlanItemList",
                () => viewer.GetPlanItemListAsync(new PlanReportRequest { MunicipalityCode = code, PlanId = planId }).ResponseAsync);
            await AccessAssert.Denied("GetScheduleTable",
                () => viewer.GetScheduleTableAsync(new PlanReportRequest { MunicipalityCode = code, PlanId = planId }).ResponseAsync);
            await AccessAssert.Denied("GetProgramSheet",
                () => viewer.GetProgramSheetAsync(new ProgramSheetRequest { MunicipalityCode = code }).ResponseAsync);
            await AccessAssert.Denied("GetResultsTable",
                () => viewer.GetResultsTableAsync(new ResultsTableRequest { MunicipalityCode = code }).ResponseAsync);
            await AccessAssert.Denied("GetPriorityGoalList",
                () => viewer.GetPriorityGoalListAsync(new PriorityGoalListRequest { MunicipalityCode = code }).ResponseAsync);
            await AccessAssert.Denied("GetTrend", () => viewer.GetTrendAsync(new TrendRequest { MunicipalityCode = code }).ResponseAsync);
            await AccessAssert.Denied("ExportReport", () => DownloadAsync(viewer, new ExportReportRequest
            { Format = ExportFormat.Csv, ScheduleTable = new PlanReportRequest { MunicipalityCode = code, PlanId = planId } }),
                "report.municipality_code");
        }
    }

    [Fact]
    public async Task AnotherMunicipalitysPlanInAHomeReportAnswersLikeAMissingOne()
    {
        var foreignPlan = (await PlanOfAsync(Foreign)).ToString();
        var homePlan = (await PlanOfAsync(Home)).ToString();
        var viewer = As(TestAuth.UserToken(Home, KyodoRoles.Viewer));

        Assert.Empty((await viewer.GetScheduleTableAsync(
            new PlanReportRequest { MunicipalityCode = Home, PlanId = homePlan })).Tables.Single().Rows);
        await AccessAssert.LikeMissing("GetScheduleTable", foreignPlan,
            id => viewer.GetScheduleTableAsync(new PlanReportRequest { MunicipalityCode = Home, PlanId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("GetPlanItemList", foreignPlan,
            id => viewer.GetPlanItemListAsync(new PlanReportRequest { MunicipalityCode = Home, PlanId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("ExportReport", foreignPlan, id => DownloadAsync(viewer, new ExportReportRequest
        { Format = ExportFormat.Csv, PlanItemList = new PlanReportRequest { MunicipalityCode = Home, PlanId = id } }));
    }

    [Fact]
    public async Task ReadingNeedsAReadingRoleOrScope()
    {
        await PlanOfAsync(Home);
        var request = new GetMunicipalityOverviewRequest { MunicipalityCode = Home };

        Assert.True((await As(TestAuth.UserToken(Home, KyodoRoles.Viewer)).GetMunicipalityOverviewAsync(request)).PlanCount >= 1);
        Assert.True((await As(TestAuth.SystemToken(Home, KyodoScopes.Read)).GetMunicipalityOverviewAsync(request)).PlanCount >= 1);
        await AccessAssert.Denied("GetMunicipalityOverview", () => As(TestAuth.SystemToken(Home, KyodoScopes.Write, KyodoScopes.Admin))
            .GetMunicipalityOverviewAsync(request).ResponseAsync, KyodoScopes.Read);
        await AccessAssert.Denied("GetMunicipalityOverview",
            () => As(TestAuth.Mint(new TokenRequest("nobody", Home, []))).GetMunicipalityOverviewAsync(request).ResponseAsync);
    }

    [Fact]
    public void EveryReportingRpcIsDeclaredInTheAccessTableAndNothingElseIs()
    {
        Assert.Equal(ReportingService.Descriptor.FullName, ReportingAccess.Table.Service);
        Assert.Equal(ReportingService.Descriptor.Methods.Select(m => m.Name).Order(), ReportingAccess.Table.Rules.Keys.Order());
    }
}
