using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Tests.SummaryEvents;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// What the department summary counts: items of plans whose period overlaps the years (each
/// once), the lines, reservations and subsidies hanging off them, the plan and department
/// filters, configured thresholds, and the freshness of exactly what it used.
/// </summary>
public sealed class DepartmentSummaryScopeTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private static readonly DateTimeOffset At = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Header =
    [
        "部署", "事業数", "検討（事業数）", "実施（事業数）", "事業費", "国・県支出金", "地方債", "その他", "一般財源", "人工", "人件費", "フルコスト", "確保額（未執行）", "執行額",
        "補助金申請数", "交付決定数", "交付決定額", "確定額", "指標:達成", "指標:順調", "指標:遅れ", "指標:実績なし", "未承認の実績", "報告期限超過",
    ];

    // FY2020 of the city below, department by department.
    private static readonly string[] Kikaku2020 = ["企画課", "1", "0", "1", "1000000", "0", "0", "0", "1000000", "0", "0", "1000000", "200000",
        "120000", "2", "2", "300000", "120000", "1", "2", "1", "1", "0", "0"];
    private static readonly string[] Kyodo2020 = ["協働推進課", "1", "1", "0", "500000", "0", "0", "0", "500000", "0", "0", "500000", "0", "0",
        "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"];
    private static readonly string[] NoDepartment2020 =
        ["（部署未設定）", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0"];
    // The three rows above added up: each item, line and application counts in one row only.
    private static readonly string[] Total2020 = ["合計", "2", "1", "1", "1500000", "0", "0", "0", "1500000", "0", "0", "1500000", "200000",
        "120000", "3", "2", "300000", "120000", "1", "2", "1", "1", "0", "0"];

    private sealed record City(Guid Current, Guid Old, Guid Deleted, Guid Kikaku, Guid Kyodo);

    /// <summary>
    /// A city with three plans: the current one (FY2019–2021) with a re-listed 企画課 item (indicators
    /// at 90%, 96% lower-is-better, 70%, 120% and one without actual in FY2020) and a 協働推進課 item,
    /// each with a FY2020 line, reservations (open, settled, released) and a program spending from
    /// 企画課's line; an old plan (FY2008–2012) whose 企画課 item must not count for FY2020; a deleted
    /// plan whose item, line, reservation and program's application must count nowhere; and a
    /// program with no line whose application belongs to no department. Times: 企画課's own rows up
    /// to +8 min (its department row), 協働推進課's line +9, the program without line +10, what must
    /// not count later still.
    /// </summary>
    private async Task<City> PublishCityAsync(string code)
    {
        var city = new City(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (kikaku, kyodo) = ((city.Kikaku, "企画課"), (city.Kyodo, "協働推進課"));
        var relisted = Item(city.Current, kikaku, "市民活動支援事業", [new(1, "", 2019, ["検討"]), new(1, "", 2020, ["実施"])],
        [
            Indicator("HigherIsBetter", 2020, 10, 9), Indicator("LowerIsBetter", 2020, 480, 500),
            Indicator("HigherIsBetter", 2020, 100, 70),
            Indicator("HigherIsBetter", 2020, 5, 6), Indicator("HigherIsBetter", 2020, 3, null), Indicator("HigherIsBetter", 2019, 1, 0),
        ], Guid.NewGuid(), Guid.NewGuid());
        var kyodoItem = Item(city.Current, kyodo, "協働のまちづくり研修", [new(1, "", 2020, ["検討"])], []);
        var oldItem = Item(city.Old, kikaku, "地域交流センターの設置", [new(1, "", 2010, ["実施"])], []);
        var deletedItem = Item(city.Deleted, kikaku, "廃止した事業", [new(1, "", 2020, ["実施"])], []);

        var line = Line(code, relisted, kikaku, 2020, 1_000_000, At.AddMinutes(5));
        var nextYear = Line(code, relisted, kikaku, 2021, 777_000, At.AddMinutes(5));
        var kyodoLine = Line(code, kyodoItem, kyodo, 2020, 500_000, At.AddMinutes(9));
        var deletedLine = Line(code, deletedItem, kikaku, 2020, 9_999_000, At.AddMinutes(4));
        var (open, settled, released, ofDeleted) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (spending, spendingDeleted, unlinked) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        // The deletion first, in a batch of its own (within one batch any order is possible): its plan and item arriving later must still
        // not count.
        await fixture.PublishAndWaitAsync(new PlanDeleted(Guid.NewGuid(), At.AddMinutes(20), code, city.Deleted, 2));
        await fixture.PublishAndWaitAsync(
            PlanOf(code, city.Current, "実施計画", 2019, 2021, At),
            PlanOf(code, city.Old, "協働推進プラン", 2008, 2012, At),
            PlanOf(code, city.Deleted, "廃止した計画", 2019, 2021, At),
            Department(code, city.Kikaku, "企画課", 2, At.AddMinutes(8)),
            Department(code, city.Kyodo, "協働推進課", 1, At.AddMinutes(2)),
            Created(code, relisted, At.AddMinutes(1)), Created(code, kyodoItem, At.AddMinutes(3)),
            Created(code, oldItem, At.AddMinutes(15)), Created(code, deletedItem, At.AddMinutes(4)),
            line, nextYear, kyodoLine, deletedLine,
            Reserved(code, line.Line.BudgetLineId, open, 200_000, At.AddMinutes(5)),
            Reserved(code, line.Line.BudgetLineId, settled, 150_000, At.AddMinutes(5)),
            Committed(code, line.Line.BudgetLineId, settled, 120_000, 30_000, At.AddMinutes(6)),
            Reserved(code, kyodoLine.Line.BudgetLineId, released, 100_000, At.AddMinutes(9)),
            Released(code, kyodoLine.Line.BudgetLineId, released, 100_000, At.AddMinutes(9)),
            Reserved(code, deletedLine.Line.BudgetLineId, ofDeleted, 50_000, At.AddMinutes(4)),
            Program(code, spending, "まちづくり活動補助金", 1, At.AddMinutes(1), (2020, line.Line.BudgetLineId)),
            Application(code, spending, 2020, "Awarded", 150_000, 0, At.AddMinutes(5), revision: 3),
            Application(code, spending, 2020, "Settled", 150_000, 120_000, At.AddMinutes(6), revision: 5),
            Program(code, spendingDeleted, "廃止した補助金", 1, At.AddMinutes(18), (2020, deletedLine.Line.BudgetLineId)),
            Application(code, spendingDeleted, 2020, "Awarded", 100_000, 0, At.AddMinutes(18), revision: 3),
            Program(code, unlinked, "集会施設等補助金", 1, At.AddMinutes(10)),
            Application(code, unlinked, 2020, "Submitted", 0, 0, At.AddMinutes(7)));
        return city;
    }

    private async Task<Report> SummaryAsync(string code, int from, int to = 0, Guid? plan = null, Guid? department = null,
        double achievedAt = 0, double onTrackAt = 0) =>
        await fixture.Client.GetDepartmentSummaryAsync(new DepartmentSummaryRequest
        {
            MunicipalityCode = code, FiscalYearFrom = from, FiscalYearTo = to, PlanId = plan?.ToString() ?? "",
            DepartmentId = department?.ToString() ?? "",
            AchievedAt = achievedAt, OnTrackAt = onTrackAt,
        });

    private static string[][] Rows(Report report) => report.Tables.Single().Texts();

    [Fact]
    public async Task AYearCountsItemsOfPlansWhosePeriodOverlapsItOnceWithTheirLinesReservationsAndSubsidiesAndNothingOfADeletedPlan()
    {
        await PublishCityAsync("35301");

        var report = await SummaryAsync("35301", 2020);

        Assert.Equal(Header, report.Tables.Single().Columns.Select(c => c.Name));
        Assert.Equal([Kikaku2020, Kyodo2020, NoDepartment2020, Total2020], Rows(report));
        // The program without a line (+10 min) was used for its application; the old plan's item
        // (+15), the deleted plan's program (+18) and the deletion itself (+20) were not.
        Assert.Equal(At.AddMinutes(10), report.AsOf.ToDateTimeOffset());
    }

    [Fact]
    public async Task ARangeCountsEveryYearOfItAndAnOldPlansItemOnlyInItsOwnYears()
    {
        var city = await PublishCityAsync("35302");

        var range = Rows(await SummaryAsync("35302", 2019, 2021, department: city.Kikaku))[0];
        var old = Rows(await SummaryAsync("35302", 2010, department: city.Kikaku))[0];

        // FY2019–2021: the re-listed item once, 検討 in 2019 and 実施 in 2020, both years' lines, and the
        // 2019 indicator (0 of 1: behind).
        Assert.Equal(["企画課", "1", "1", "1", "1777000"], range[..5]);
        Assert.Equal(["1", "2", "2", "1"], range[^6..^2]);
        Assert.Equal(["企画課", "1", "0", "1", "0"], old[..5]); // FY2010: the FY2008–2012 plan's item, 実施 (no 検討), no cost
    }

    [Fact]
    public async Task APlanFilterCountsOnlyThatPlansItemsCostReservationsAndSubsidies()
    {
        var city = await PublishCityAsync("35303");

        var current = await SummaryAsync("35303", 2020, plan: city.Current);
        var old = await SummaryAsync("35303", 2020, plan: city.Old);

        Assert.Equal(Header, current.Tables.Single().Columns.Select(c => c.Name));
        // The application of the program without a line belongs to no plan: neither in a row nor in the total.
        string[] total = ["合計", "2", "1", "1", "1500000", "0", "0", "0", "1500000", "0", "0", "1500000", "200000", "120000", "2", "2",
            "300000", "120000", "1", "2", "1", "1", "0", "0"];
        Assert.Equal([Kikaku2020, Kyodo2020, total], Rows(current));
        Assert.Equal(At.AddMinutes(9), current.AsOf.ToDateTimeOffset());
        // FY2008–2012 does not overlap FY2020: the same columns, only a total of nothing.
        Assert.Equal(Header, old.Tables.Single().Columns.Select(c => c.Name));
        Assert.Equal([["合計", .. Enumerable.Repeat("0", Header.Length - 1)]], Rows(old));
        Assert.Null(old.AsOf);
        // A deleted plan is no plan to report on: as one that never was.
        var deleted = await RpcAssert.FailsWith(StatusCode.NotFound, () => SummaryAsync("35303", 2020, plan: city.Deleted));
        Assert.Equal($"plan '{city.Deleted}' was not found.", deleted.Status.Detail);
    }

    [Fact]
    public async Task AnUnknownOrAnotherMunicipalitysPlanOrDepartmentAnswersNotFoundAlikeAndADepartmentOnlyItsItemsNameIsKnown()
    {
        var city = await PublishCityAsync("35309");
        var elsewhere = await PublishCityAsync("35310");

        await AccessAssert.LikeMissing("GetDepartmentSummary", elsewhere.Current.ToString(),
            id => SummaryAsync("35309", 2020, plan: Guid.Parse(id)));
        await AccessAssert.LikeMissing("GetDepartmentSummary", elsewhere.Kikaku.ToString(),
            id => SummaryAsync("35309", 2020, department: Guid.Parse(id)));
        var nobody = Guid.NewGuid();
        var missing = await RpcAssert.FailsWith(StatusCode.NotFound, () => SummaryAsync("35309", 2020, department: nobody));
        Assert.Equal($"department '{nobody}' was not found.", missing.Status.Detail);

        // A department without its row (its DepartmentChanged on its way, say): the items naming it make it known.
        var (plan, named) = (Guid.NewGuid(), (Guid.NewGuid(), "市民活動推進課"));
        await fixture.PublishAndWaitAsync(PlanOf("35309", plan, "協働推進計画", 2020, 2020, At),
            Created("35309", Item(plan, named, "市民活動支援", [], []), At));
        Assert.Equal([["市民活動推進課", "1"], ["合計", "1"]], Rows(await SummaryAsync("35309", 2020, department: named.Item1)).Select(r => r[..2]));
        Assert.NotEmpty(Rows(await SummaryAsync("35309", 2020, plan: city.Current)));
    }

    [Fact]
    public async Task ADepartmentFilterShowsThatDepartmentsRowAloneDatedByTheRowsItUsedOnly()
    {
        var city = await PublishCityAsync("35304");

        var kikaku = await SummaryAsync("35304", 2020, department: city.Kikaku);
        var kyodo = await SummaryAsync("35304", 2020, department: city.Kyodo);

        // The same columns as unfiltered (the city's stages, 検討 and 実施, though each department's item has one), the total its one row.
        Assert.Equal(Header, kikaku.Tables.Single().Columns.Select(c => c.Name));
        Assert.Equal(Header, kyodo.Tables.Single().Columns.Select(c => c.Name));
        Assert.Equal([Kikaku2020, ["合計", .. Kikaku2020[1..]]], Rows(kikaku));
        // Its department row (+8 min), not 協働推進課's line (+9) or the program without a line (+10).
        Assert.Equal(At.AddMinutes(8), kikaku.AsOf.ToDateTimeOffset());
        Assert.Equal([Kyodo2020, ["合計", .. Kyodo2020[1..]]], Rows(kyodo));
        Assert.Equal(At.AddMinutes(9), kyodo.AsOf.ToDateTimeOffset());
    }

    [Fact]
    public async Task ConfiguredThresholdsMoveIndicatorsBetweenAchievedOnTrackAndBehindRespectingTheirDirection()
    {
        var city = await PublishCityAsync("35305");

        // Ratios 0.9, 0.96 (480 target / 500 actual, lower is better), 0.7, 1.2, and one without an actual.
        var lenient = Rows(await SummaryAsync("35305", 2020, department: city.Kikaku, achievedAt: 0.9, onTrackAt: 0.7))[0];
        var strict = Rows(await SummaryAsync("35305", 2020, department: city.Kikaku, achievedAt: 1.3, onTrackAt: 1.0))[0];
        // achieved at the default 1.0
        var onlyOnTrack = Rows(await SummaryAsync("35305", 2020, department: city.Kikaku, onTrackAt: 0.95))[0];

        Assert.Equal(["3", "1", "0", "1"], lenient[^6..^2]);
        Assert.Equal(["0", "1", "3", "1"], strict[^6..^2]);
        Assert.Equal(["1", "1", "2", "1"], onlyOnTrack[^6..^2]);
    }

    [Theory]
    [InlineData(0.5, 0, "achieved_at", "on_track_at")]   // on track (default 0.8) above achieved
    [InlineData(0, 1.5, "achieved_at", "on_track_at")]   // on track above achieved (default 1.0)
    [InlineData(0.7, 0.9, "achieved_at", "on_track_at")]
    [InlineData(11, 0, "achieved_at")]
    [InlineData(-1, 0.5, "achieved_at")]
    [InlineData(1, double.NaN, "on_track_at")]
    [InlineData(-0.5, 12, "achieved_at", "on_track_at")]
    public async Task ThresholdsOutOfRangeOrOnTrackAboveAchievedAreInvalidNamingTheFields(double achievedAt, double onTrackAt,
        params string[] fields)
    {
        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => SummaryAsync("35306", 2020, achievedAt: achievedAt, onTrackAt: onTrackAt));

        Assert.Equal(fields, RpcAssert.FieldViolations(ex).Keys.Order());
    }

    [Fact]
    public async Task AProgramKnownOnlyFromItsCreationLeavesItsApplicationsWithoutDepartmentUntilItsLinksArrive()
    {
        const string code = "35307";
        var (planId, kikaku, programId) = (Guid.NewGuid(), (Guid.NewGuid(), "企画課"), Guid.NewGuid());
        var item = Item(planId, kikaku, "市民活動支援事業", [], []);
        var line = Line(code, item, kikaku, 2020, 1_000_000, At);
        await fixture.PublishAndWaitAsync(PlanOf(code, planId, "実施計画", 2019, 2021, At), Created(code, item, At), line,
            new Kyodo.Contracts.Subsidy.SubsidyProgramCreated(Guid.NewGuid(), At, code, programId, "まちづくり活動補助金"),
            Application(code, programId, 2020, "Awarded", 150_000, 0, At));

        var early = await SummaryAsync(code, 2020); // the program row holds no courses or lines yet

        Assert.Equal([["企画課", "1000000", "0", "0", "0"], ["（部署未設定）", "0", "1", "1", "150000"], ["合計", "1000000", "1", "1", "150000"]],
            Subsidies(early));

        await fixture.PublishAndWaitAsync(Program(code, programId, "まちづくり活動補助金", 1, At.AddMinutes(1), (2020, line.Line.BudgetLineId)));
        var late = await SummaryAsync(code, 2020);

        Assert.Equal([["企画課", "1000000", "1", "1", "150000"], ["合計", "1000000", "1", "1", "150000"]], Subsidies(late));
    }

    [Fact]
    public async Task AProgramChangeArrivingBeforeItsCreationKeepsItsLinks()
    {
        const string code = "35308";
        var (planId, kikaku, programId) = (Guid.NewGuid(), (Guid.NewGuid(), "企画課"), Guid.NewGuid());
        var item = Item(planId, kikaku, "市民活動支援事業", [], []);
        var line = Line(code, item, kikaku, 2020, 1_000_000, At);
        await fixture.PublishAndWaitAsync(PlanOf(code, planId, "実施計画", 2019, 2021, At), Created(code, item, At), line,
            Program(code, programId, "まちづくり活動補助金", 1, At.AddMinutes(1), (2020, line.Line.BudgetLineId)),
            Application(code, programId, 2020, "Awarded", 150_000, 0, At));
        await fixture.PublishAndWaitAsync(
            new Kyodo.Contracts.Subsidy.SubsidyProgramCreated(Guid.NewGuid(), At, code, programId, "まちづくり活動補助金"));

        var report = await SummaryAsync(code, 2020);

        Assert.Equal([["企画課", "1000000", "1", "1", "150000"], ["合計", "1000000", "1", "1", "150000"]], Subsidies(report));
        await using var db = fixture.OpenDatabase();
        var links = await db.ProgramLines.Where(l => l.MunicipalityCode == code && l.ProgramId == programId).ToListAsync();
        Assert.Equal([(2020, line.Line.BudgetLineId)], links.Select(l => (l.FiscalYear, l.BudgetLineId)));
    }

    /// <summary>Each row's department, cost, applications, awards and amount awarded.</summary>
    private static string[][] Subsidies(Report report)
    {
        var columns = report.Tables.Single().Columns.Select(c => c.Name).ToList();
        int[] chosen = [0, columns.IndexOf("事業費"), columns.IndexOf("補助金申請数"), columns.IndexOf("交付決定数"), columns.IndexOf("交付決定額")];
        return report.Tables.Single().Texts().Select(row => chosen.Select(i => row[i]).ToArray()).ToArray();
    }
}
