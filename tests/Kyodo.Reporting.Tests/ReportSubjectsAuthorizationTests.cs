using Grpc.Core;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;
using Kyodo.Reporting.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

// The ids a report is about (an item, an indicator, a subsidy program, a department) are looked up
// only within the request's municipality: another municipality's id answers exactly like a missing
// one, and as a filter it selects exactly what a missing one selects. Negative cases first; each
// foreign id is shown to be readable by its own municipality, so the refusals are not for lack of data.
public sealed class ReportSubjectsAuthorizationTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private const string Home = "99411";
    private const string Foreign = "99412";
    private const string Account = "一般会計/2 総務費/1 総務管理費/4 企画費";
    private static readonly DateTimeOffset At = new(2019, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    private ReportingService.ReportingServiceClient Viewer(string municipality) =>
        new(fixture.Service.ChannelAs(TestAuth.UserToken(municipality, KyodoRoles.Viewer)));

    private sealed record Subjects(Guid Plan, Guid Item, Guid Indicator, Guid Department, Guid Program);

    /// <summary>A plan with an item of one department (an indicator, a budget line), a priority goal of that department and a subsidy
    /// program.</summary>
    private async Task<Subjects> PublishAsync(string municipality)
    {
        var s = new Subjects(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var indicator =
            new IndicatorSnapshot(s.Indicator, "Activity", "相談数", "件", "HigherIsBetter", null, null, [new(2019, 10m)], [new(2019, 8m)]);
        var item = new ItemSnapshot(s.Item, s.Plan, 1, $"市民協働推進事業 {municipality}", "Continuing",
            [new DepartmentInCharge(s.Department, "協働推進課")], [], [], "",
            "", "", "", "", "", null, null, "None", [], [], "", [], [], [indicator]);
        await fixture.PublishAndWaitAsync(
            new PlanCreated(Guid.NewGuid(), At, municipality, s.Plan, $"計画 {s.Plan:N}", 2019, 2021, 1),
            new DepartmentChanged(Guid.NewGuid(), At, municipality, s.Department, "協働推進課", 1, false),
            new ItemCreated(Guid.NewGuid(), At, municipality, item),
            new BudgetLineCreated(Guid.NewGuid(), At, municipality, new BudgetLineSnapshot(Guid.NewGuid(), s.Item, item.Title, s.Department,
                "協働推進課", 2019, Account, "Initial", 0, new FundingAmounts(1_000_000, 0, 0, 0, 1_000_000), 1)),
            new PriorityGoalChanged(Guid.NewGuid(), At, municipality, Guid.NewGuid(), s.Department, "協働推進課", 2019, 1, "協働の推進", "",
                [new PriorityGoalItemSnapshot("①", "地域の取組の支援", "年度末まで", "")], 1, false),
            new SubsidyProgramChanged(Guid.NewGuid(), At, municipality, s.Program, "市民活動促進事業補助金", "",
                [new CourseSnapshot(Guid.NewGuid(), "チャレンジ", 200_000, true, 1)], [], 1, false));
        return s;
    }

    /// <summary>Reads an export to its end (its errors arrive on the stream).</summary>
    private static async Task ExportAsync(ReportingService.ReportingServiceClient client, ExportReportRequest request)
    {
        using var call = client.ExportReport(request);
        await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
    }

    [Fact]
    public async Task AnotherMunicipalitysSubjectIdAnswersLikeAMissingOne()
    {
        var foreign = await PublishAsync(Foreign);
        await PublishAsync(Home);
        var viewer = Viewer(Home);

        await AccessAssert.LikeMissing("GetProgramSheet.item_id", foreign.Item.ToString(),
            id => viewer.GetProgramSheetAsync(new ProgramSheetRequest
            { MunicipalityCode = Home, ItemId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("ExportReport.program_sheet.item_id", foreign.Item.ToString(),
            id => ExportAsync(viewer, new ExportReportRequest
            { Format = ExportFormat.Csv, ProgramSheet = new ProgramSheetRequest { MunicipalityCode = Home, ItemId = id } }));
        await AccessAssert.LikeMissing("GetTrend.item_id", foreign.Item.ToString(), id => viewer.GetTrendAsync(new TrendRequest
        { MunicipalityCode = Home, ItemId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("GetTrend.indicator_id", foreign.Indicator.ToString(), id => viewer.GetTrendAsync(new TrendRequest
        { MunicipalityCode = Home, IndicatorId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("GetTrend.subsidy_program_id", foreign.Program.ToString(),
            id => viewer.GetTrendAsync(new TrendRequest
            { MunicipalityCode = Home, SubsidyProgramId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("GetResultsTable.indicator_ids", foreign.Indicator.ToString(),
            id => viewer.GetResultsTableAsync(new ResultsTableRequest
            { MunicipalityCode = Home, IndicatorIds = { id } }).ResponseAsync);
        await AccessAssert.LikeMissing("GetPriorityGoalList.department_id", foreign.Department.ToString(),
            id => viewer.GetPriorityGoalListAsync(new PriorityGoalListRequest
            { MunicipalityCode = Home, DepartmentId = id }).ResponseAsync);

        // Its own municipality reads each of them.
        var own = Viewer(Foreign);
        Assert.NotEmpty((await own.GetProgramSheetAsync(
            new ProgramSheetRequest { MunicipalityCode = Foreign, ItemId = foreign.Item.ToString() })).Tables);
        Assert.Single(
            (await own.GetTrendAsync(new TrendRequest { MunicipalityCode = Foreign, ItemId = foreign.Item.ToString() })).Tables[0].Rows);
        Assert.Single((await own.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Foreign, IndicatorId = foreign.Indicator.ToString() })).Tables[0].Rows);
        Assert.NotEmpty((await own.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Foreign, SubsidyProgramId = foreign.Program.ToString() })).Title);
        Assert.Single((await own.GetResultsTableAsync(
            new ResultsTableRequest { MunicipalityCode = Foreign, IndicatorIds = { foreign.Indicator.ToString() } })).Tables[0].Rows);
        Assert.Single((await own.GetPriorityGoalListAsync(
            new PriorityGoalListRequest { MunicipalityCode = Foreign, DepartmentId = foreign.Department.ToString() })).Tables[0].Rows);
    }

    [Fact]
    public async Task AnotherMunicipalitysPlanOrDepartmentAsAFilterSelectsWhatAMissingOneSelects()
    {
        var foreign = await PublishAsync(Foreign);
        await PublishAsync(Home);
        var viewer = Viewer(Home);
        var missing = Guid.NewGuid().ToString();

        async Task SameAsMissingAsync(string foreignId, Func<string, Task<Report>> report) =>
            Assert.Equal(await report(missing), await report(foreignId));

        // The account trend refuses a department it does not know: another municipality's too, alike.
        await AccessAssert.LikeMissing("GetTrend.department_id", foreign.Department.ToString(), id => viewer.GetTrendAsync(new TrendRequest
        { MunicipalityCode = Home, AccountPath = Account, DepartmentId = id }).ResponseAsync);
        await SameAsMissingAsync(foreign.Department.ToString(), id => viewer.GetResultsTableAsync(new ResultsTableRequest
        { MunicipalityCode = Home, FiscalYearFrom = 2019, DepartmentId = id }).ResponseAsync);
        await SameAsMissingAsync(foreign.Plan.ToString(), id => viewer.GetResultsTableAsync(new ResultsTableRequest
        { MunicipalityCode = Home, FiscalYearFrom = 2019, PlanId = id }).ResponseAsync);

        // In their own municipality the same filters select the foreign department's line and indicator.
        var own = Viewer(Foreign);
        Assert.Equal("1", (await own.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Foreign, AccountPath = Account, DepartmentId = foreign.Department.ToString() }))
            .Tables[0].Texts().Single()[1]);
        Assert.Equal(2, (await own.GetResultsTableAsync(
            new ResultsTableRequest { MunicipalityCode = Foreign, FiscalYearFrom = 2019, DepartmentId = foreign.Department.ToString() }))
            .Tables[0].Columns.Count);
        Assert.Equal(2, (await own.GetResultsTableAsync(
            new ResultsTableRequest { MunicipalityCode = Foreign, FiscalYearFrom = 2019, PlanId = foreign.Plan.ToString() }))
            .Tables[0].Columns.Count);
    }
}
