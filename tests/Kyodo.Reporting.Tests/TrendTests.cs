using Grpc.Core;
using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

/// <summary>Trends across years: a subsidy program (seed 001), an item's cost and an account (seed 000), an indicator (seed 004).</summary>
public sealed class TrendTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private const string Komoro = "20208", Ueda = "20203", Kodaira = "13211";
    private const string Account = "一般会計/2 総務費/1 総務管理費/4 企画費";
    private static readonly DateTimeOffset At = new(2018, 6, 1, 9, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public async Task ASubsidyProgramsApplicationsAwardsAndAmountsPerYearAndCourseAreSeed001s()
    {
        // 001 ④ 市民活動促進事業補助金: H30 850,000 (400,000・450,000) チャレンジ 2件 ステップアップ 3件;
        // R1 1,100,000 (800,000・300,000) 4件 / 2件; R2 368,000 (266,000・102,000) 2件(申請3) / 1件(申請2).
        var (programId, challenge, stepUp) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var events = new List<IIntegrationEvent>();
        var minute = 0;
        void Application(Guid course, string courseName, int year, long awarded, string outcome = "Awarded", bool settle = false)
        {
            var id = Guid.NewGuid();
            ApplicationStatusChanged Step(string from, string to, long awardedYen, long settledYen, int revision) =>
                new(Guid.NewGuid(), At.AddMinutes(++minute), Komoro, id, programId, "市民活動促進事業補助金", course, courseName, year, 1,
                    Guid.NewGuid(), "団体", "事業", from, to, 200_000, awardedYen, settledYen, "企画課", revision);
            var steps = new List<ApplicationStatusChanged> { Step("", "Submitted", 0, 0, 1),
                Step("Submitted", outcome, outcome == "Awarded" ? awarded : 0, 0, 2) };
            if (settle) steps.Add(Step("Awarded", "Settled", awarded, awarded, 3));
            steps.Reverse(); // the newest step first, then the older ones it supersedes
            events.AddRange(steps);
            events.Add(steps[0]); // and the newest again
        }
        foreach (var amount in new[] { 200_000L, 200_000 }) Application(challenge, "チャレンジ", 2018, amount, settle: true);
        foreach (var amount in new[] { 150_000L, 150_000, 150_000 }) Application(stepUp, "ステップアップ", 2018, amount, settle: true);
        foreach (var amount in new[] { 200_000L, 200_000, 200_000, 200_000 }) Application(challenge, "チャレンジ", 2019, amount);
        foreach (var amount in new[] { 150_000L, 150_000 }) Application(stepUp, "ステップアップ", 2019, amount);
        Application(challenge, "チャレンジ", 2020, 133_000);
        Application(challenge, "チャレンジ", 2020, 133_000);
        Application(challenge, "チャレンジ", 2020, 0, "Withdrawn");
        Application(stepUp, "ステップアップ", 2020, 102_000);
        Application(stepUp, "ステップアップ", 2020, 0, "Rejected");
        events.Add(new SubsidyProgramChanged(Guid.NewGuid(), At, Komoro, programId, "市民活動促進事業補助金", "",
            [new CourseSnapshot(challenge, "チャレンジ", 200_000, true, 1), new CourseSnapshot(stepUp, "ステップアップ", 150_000, true, 1)], [], 1,
                false));
        events.Add(new SubsidyProgramCreated(Guid.NewGuid(), At, Komoro, programId, "市民活動促進事業補助金"));
        await fixture.PublishAndWaitAsync([.. events]);

        var report =
            await fixture.Client.GetTrendAsync(new TrendRequest { MunicipalityCode = Komoro, SubsidyProgramId = programId.ToString() });

        var table = report.Tables[0];
        Assert.Equal(["年度", "コース", "申請数", "交付決定数", "交付決定額", "確定額"], table.Columns.Take(6).Select(c => c.Name));
        Assert.Equal(
        [
            ["FY2018 (平成30年度)", "チャレンジ", "2", "2", "400000", "400000"],
            ["FY2018 (平成30年度)", "ステップアップ", "3", "3", "450000", "450000"],
            ["FY2018 (平成30年度)", "計", "5", "5", "850000", "850000"],
            ["FY2019 (令和元年度)", "チャレンジ", "4", "4", "800000", "0"],
            ["FY2019 (令和元年度)", "ステップアップ", "2", "2", "300000", "0"],
            ["FY2019 (令和元年度)", "計", "6", "6", "1100000", "0"],
            ["FY2020 (令和2年度)", "チャレンジ", "3", "2", "266000", "0"],
            ["FY2020 (令和2年度)", "ステップアップ", "2", "1", "102000", "0"],
            ["FY2020 (令和2年度)", "計", "5", "3", "368000", "0"],
        ], table.Texts().Select(r => r[..6]));
        Assert.Equal(At.AddMinutes(minute), report.AsOf.ToDateTimeOffset());

        var lastYear = await fixture.Client.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Komoro, SubsidyProgramId = programId.ToString(), FiscalYearFrom = 2020 });
        Assert.Equal(3, lastYear.Tables[0].Rows.Count);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Ueda, SubsidyProgramId = programId.ToString() }).ResponseAsync);
    }

    [Fact]
    public async Task ASubsidyProgramsAwardsSplitByProjectKindAndRoundAndAmountsNobodyPrintedStayUnknownAndOutOfTheSum()
    {
        // Ueda 002-like: a course of three rounds; two continuing awards in round 1, a new one in round 2; and, recorded from a
        // document that prints neither, an award of no round or kind and an application without the amount it asked for.
        const string code = "20203";
        var (programId, course) = (Guid.NewGuid(), Guid.NewGuid());
        var minute = 0;
        ApplicationStatusChanged Award(string to, int? round, string kind, long? requested, long awarded) => new(Guid.NewGuid(),
            At.AddMinutes(++minute), code,
            Guid.NewGuid(), programId, "わがまち魅力アップ応援事業", course, "一般", 2017, round ?? 0, Guid.NewGuid(), "団体", "事業", "UnderReview", to,
            requested ?? 0, awarded,
            to == "Settled" ? awarded : 0, "地域振興課", 3, kind, RoundUnknown: round is null, RequestedYenUnknown: requested is null);
        await fixture.PublishAndWaitAsync(
            new SubsidyProgramChanged(Guid.NewGuid(), At, code, programId, "わがまち魅力アップ応援事業", "",
                [new CourseSnapshot(course, "一般", 500_000, false, 3)], [], 1, false),
            Award("Awarded", 1, "Continuing", 500_000, 400_000), Award("Awarded", 1, "Continuing", 300_000, 300_000),
            Award("Awarded", 2, "New", 200_000, 150_000), Award("Settled", null, "", null, 250_000), Award("Withdrawn", null, "", null, 0));

        var report =
            await fixture.Client.GetTrendAsync(new TrendRequest { MunicipalityCode = code, SubsidyProgramId = programId.ToString() });

        var table = report.Tables[0];
        Assert.Equal(["年度", "コース", "申請数", "交付決定数", "交付決定額", "確定額", "継続（交付決定）", "新規（交付決定）", "区分不明（交付決定）",
            "申請額（判明分）", "申請額不明（件）"], table.Columns.Select(c => c.Name));
        // Asked for: 500,000 + 300,000 + 200,000 known; two amounts unknown, counted apart, never guessed (not the course cap).
        string[] course2017 = ["FY2017 (平成29年度)", "一般", "5", "4", "1100000", "250000", "2", "1", "1", "1000000", "2"];
        Assert.Equal([course2017, [.. course2017[..1], "計", .. course2017[2..]]], table.Texts());
        Assert.Equal(
        [
            ["FY2017 (平成29年度)", "一般", "第1回", "2", "2", "700000"],
            ["FY2017 (平成29年度)", "一般", "第2回", "1", "1", "150000"],
            ["FY2017 (平成29年度)", "一般", "不明", "2", "1", "250000"],
        ], report.Tables.Single(t => t.Name == "回別").Texts());
    }

    private static BudgetLineSnapshot Line(Guid id, Guid itemId, string title, int year, string account, long cost, long other,
        int revision, Guid? department = null) =>
        new(id, itemId, title, department, "企画課", year, account, "Initial", 0, new FundingAmounts(cost, 0, 0, other, cost - other),
            revision);

    [Fact]
    public async Task AnItemsCostAndAnAccountsCostBySourceAcrossYearsAreInYenAndTheWorkbookShowsThemSo()
    {
        // 000 市民協働推進事業: 33,916 (その他 1) / 35,500 / 35,500 千円; 市民活動支援事業 H31 7,320 千円 (その他 347).
        var (kyoudou, katsudou, firstLine) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await fixture.PublishAndWaitAsync(
            new BudgetLineRevised(Guid.NewGuid(), At.AddMinutes(2), Komoro,
                Line(firstLine, kyoudou, "市民協働推進事業", 2019, Account, 33_916_000, 1_000, 2)),
            new BudgetLineCreated(Guid.NewGuid(), At.AddMinutes(1), Komoro,
                Line(firstLine, kyoudou, "市民協働推進事業", 2019, Account, 33_000_000, 0, 1)),
            new BudgetLineCreated(Guid.NewGuid(), At, Komoro, Line(Guid.NewGuid(), kyoudou, "市民協働推進事業", 2020, Account, 35_500_000, 0, 1)),
            new BudgetLineCreated(Guid.NewGuid(), At, Komoro, Line(Guid.NewGuid(), kyoudou, "市民協働推進事業", 2021, Account, 35_500_000, 0, 1)),
            new BudgetLineCreated(Guid.NewGuid(), At, Komoro,
                Line(Guid.NewGuid(), katsudou, "市民活動支援事業", 2019, Account, 7_320_000, 347_000, 1)),
            new BudgetLineCreated(Guid.NewGuid(), At, Komoro, Line(Guid.NewGuid(), katsudou, "市民活動支援事業", 2019, "一般会計/3 民生費", 5_000, 0, 1)),
            new BudgetLineCreated(Guid.NewGuid(), At.AddDays(1), Ueda,
                Line(Guid.NewGuid(), Guid.NewGuid(), "上田の事業", 2019, Account, 1_000_000, 0, 1)));

        var item = await fixture.Client.GetTrendAsync(new TrendRequest { MunicipalityCode = Komoro, ItemId = kyoudou.ToString() });
        Assert.Equal(["年度", "予算行数", "事業費", "国・県支出金", "地方債", "その他", "一般財源"], item.Tables[0].Columns.Select(c => c.Name));
        Assert.Equal(
        [
            ["FY2019 (令和元年度)", "1", "33916000", "0", "0", "1000", "33915000"],
            ["FY2020 (令和2年度)", "1", "35500000", "0", "0", "0", "35500000"],
            ["FY2021 (令和3年度)", "1", "35500000", "0", "0", "0", "35500000"],
        ], item.Tables[0].Texts());
        Assert.Equal(At.AddMinutes(2), item.AsOf.ToDateTimeOffset());

        // 総務費 takes 企画費 below it, not 民生費 nor Ueda's line.
        var account = await fixture.Client.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Komoro, AccountPath = "一般会計/2 総務費", FiscalYearFrom = 2019, FiscalYearTo = 2020 });
        Assert.Equal(
            [["FY2019 (令和元年度)", "2", "41236000", "0", "0", "348000", "40888000"],
                ["FY2020 (令和2年度)", "1", "35500000", "0", "0", "0", "35500000"]],
            account.Tables[0].Texts());

        var xlsx = await fixture.DownloadAsync(new ExportReportRequest
        {
            Format = ExportFormat.Xlsx,
            Trend = new TrendRequest { MunicipalityCode = Komoro, ItemId = kyoudou.ToString() }
        });
        Assert.Equal($"trend-{Komoro}.xlsx", xlsx.Name);
        using var workbook = new Workbook(xlsx.Data);
        var sheet = workbook.Sheet("事業費の推移");
        Assert.Equal("事業費（円）", sheet[0][2].Value);
        Assert.Equal([("33916000", "#,##0\"円\""), ("0", "#,##0\"円\""), ("0", "#,##0\"円\""), ("1000", "#,##0\"円\""),
            ("33915000", "#,##0\"円\"")], sheet[1].Skip(2));
        Assert.Equal(("1", "#,##0"), sheet[1][1]);
    }

    [Fact]
    public async Task AnIndicatorsTargetActualAndAchievementRespectTheDirection()
    {
        // 004 (Kodaira): ごみ量 480 g/人日 by H34 (FY2022), lower is better. The actuals are the test's own.
        var indicator = new IndicatorSnapshot(Guid.NewGuid(), "Outcome", "1人1日当たりのごみ排出量", "g/人日", "LowerIsBetter", 510m, 2015,
            [new(2021, 490m), new(2022, 480m)], [new(2020, 505m), new(2022, 500m)]);
        var item = new ItemSnapshot(Guid.NewGuid(), Guid.NewGuid(), 2, "ごみの減量", "Continuing", [], [], [], "", "", "", "", "", "", null,
            null, "None", [], [], "", [], [], [indicator]);
        var updated = new ItemUpdated(Guid.NewGuid(), At.AddMinutes(1), Kodaira, item);
        await fixture.PublishAndWaitAsync(updated,
            new ItemCreated(Guid.NewGuid(), At, Kodaira, item with { Revision = 1, Indicators = [] }), updated);

        var report = await fixture.Client.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Kodaira, IndicatorId = indicator.IndicatorId.ToString() });

        Assert.Equal(["年度", "目標（g/人日）", "実績（g/人日）", "達成率", "未承認の実績（g/人日）", "未承認の状況"], report.Tables[0].Columns.Select(c => c.Name));
        var rows = report.Tables[0].Texts();
        Assert.Equal([["FY2020 (令和2年度)", "", "505", "", "", ""], ["FY2021 (令和3年度)", "490", "", "", "", ""]], rows[..2]);
        Assert.Equal(["FY2022 (令和4年度)", "480", "500"], rows[2][..3]);
        Assert.Equal(0.96, report.Tables[0].Rows[2].Cells[3].Number, 6); // 480 / 500: lower is better

        var xlsx = await fixture.DownloadAsync(new ExportReportRequest
        {
            Format = ExportFormat.Xlsx,
            Trend = new TrendRequest { MunicipalityCode = Kodaira, IndicatorId = indicator.IndicatorId.ToString() }
        });
        using var workbook = new Workbook(xlsx.Data);
        Assert.Equal("0.00%", workbook.Sheet("指標の推移")[3][3].Format);

        await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Komoro, IndicatorId = indicator.IndicatorId.ToString() }).ResponseAsync);
        var bad = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Kodaira, DepartmentId = Guid.NewGuid().ToString(), FiscalYearTo = 2020 }).ResponseAsync);
        Assert.Equal(["department_id", "fiscal_year_to", "subject"], RpcAssert.FieldViolations(bad).Keys.Order());
    }
}
