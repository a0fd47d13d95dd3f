using Google.Protobuf;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// Issue 6: "reports equal what was written through the services, after an event stream with
/// duplicates and reordering". A small municipality is written through the gateway and reported
/// on; then every event the services published (their outbox rows) is delivered again, shuffled
/// and each at least twice, to a second, fresh reporting instance, whose reports must be the same
/// and hold the figures written.
/// </summary>
public sealed class ReportsFromReplayedEventsTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string Miyota = "20323";

    private PlanService.PlanServiceClient Plans => new(system.Gateway.Channel);
    private BudgetService.BudgetServiceClient Budgets => new(system.Gateway.Channel);
    private SubsidyService.SubsidyServiceClient Subsidies => new(system.Gateway.Channel);

    private sealed record Written(string PlanId, Item Training, Item Registration, string Kikaku, string ProgramId);

    [Fact]
    public async Task ASecondReportingInstanceFedTheServicesEventsShuffledAndDuplicatedReportsWhatTheFirstReportsAndWhatWasWritten()
    {
        var written = await WriteAsync();
        var events = await PublishedEvents.CaptureAsync(system, Miyota);
        // What the writes above publish (besides departments, programs and funds): the capture is complete.
        var published = events.GroupBy(e => e.Type.Name).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal((1, 4, 2, 1, 1, 1), (published["PlanCreated"], published["PlanNodeChanged"], published["ItemCreated"],
            published["ItemScheduleChanged"], published["IndicatorActualRecorded"], published["IndicatorTargetRevised"]));
        Assert.Equal((2, 1), (published["BudgetLineCreated"], published["BudgetLineRevised"]));
        Assert.Equal(6, published["ApplicationStatusChanged"]); // each submitted and under review, then one awarded and one rejected

        await PublishedEvents.ConsumedAsync(system.Reporting, events);
        var first = new ReportingService.ReportingServiceClient(system.Gateway.Channel);
        var reports = Reports(written);
        var firstReports = new List<IMessage>();
        foreach (var (_, take) in reports) firstReports.Add(await take(first));

        await using var replay = await ReplayedReporting.StartAsync();
        await replay.DeliverAsync(events, seed: 6);
        var secondReports = new List<IMessage>();
        foreach (var (_, take) in reports) secondReports.Add(await take(replay.Client));

        foreach (var ((name, _), (a, b)) in reports.Zip(firstReports.Zip(secondReports)))
            Assert.True(JsonFormatter.Default.Format(a) == JsonFormatter.Default.Format(b), $"{name} differs:\nfirst:  {a}\nsecond: {b}");
        // Below the reports, every read-model row (records, tombstones, times and their list contents) is the clean stream's.
        ReadModelSnapshots.AssertEqual(await new ReadModelSnapshots(system.Reporting.Services, Miyota).TakeAsync(),
            await replay.Snapshots(Miyota).TakeAsync());
        AssertWhatWasWritten(written, reports.Select(r => r.Name).Zip(secondReports).ToDictionary(p => p.First, p => p.Second));
    }

    private static void AssertWhatWasWritten(Written written, Dictionary<string, IMessage> reports)
    {
        var overview = (GetMunicipalityOverviewResponse)reports["overview"];
        Assert.Equal((1, 2, 2, 8_500_000L, 1, 2), (overview.PlanCount, overview.ItemCount, overview.BudgetLineCount, overview.BudgetCostYen,
            overview.SubsidyProgramCount, overview.ApplicationCount));

        var itemList = (Report)reports["item list"];
        string[] training = ["協働推進課・企画課", "行政・市民", "■", "□", "□", "□", "□", "□", "■（小学4年生）"];
        string[] registration = ["協働推進課", "", "□", "□", "□", "□", "□", "□", "□"];
        Assert.Equal(
        [
            ["Ⅱ-(3)-④", "協働のまちづくり研修", .. training],
            ["Ⅱ-(3)-⑤", "市民活動団体の登録", .. registration],
            ["Ⅳ-(2)-①", "協働のまちづくり研修【再掲】", .. training],
        ], Texts(itemList));
        // Its freshness is the plan's newest change it includes: the registration's revised target.
        Assert.Equal(written.Registration.UpdatedAt, itemList.AsOf);

        var kikakuList = (Report)reports["item list of 企画課"];
        Assert.Equal("協働推進プラン 推進項目一覧表（担当課 企画課）", kikakuList.Title);
        Assert.Equal(["Ⅱ-(3)-④", "Ⅳ-(2)-①"], Texts(kikakuList).Select(r => r[0]));

        Assert.Equal(
        [
            ["Ⅱ-(3)-④", "協働のまちづくり研修", "・研修", "検討・実施", "→", ""],
            ["Ⅱ-(3)-④", "協働のまちづくり研修", "・啓発", "", "", "実施・完了予定"],
            ["Ⅱ-(3)-⑤", "市民活動団体の登録", "", "実施", "", ""],
        ], Texts((Report)reports["schedule table"]));
        var narrowed = (Report)reports["schedule table FY2021–FY2022 of 企画課"];
        Assert.Equal("協働推進プラン 年次計画（FY2021–FY2022、担当課 企画課）", narrowed.Title);
        Assert.Equal([["Ⅱ-(3)-④", "協働のまちづくり研修", "・研修", "→", ""], ["Ⅱ-(3)-④", "協働のまちづくり研修", "・啓発", "", "実施・完了予定"]], Texts(narrowed));

        var summary = (Report)reports["department summary"];
        var table = summary.Tables[0];
        var row = table.Rows.Single(r => r.Cells[0].Text == "協働推進課");
        long Column(string name) => row.Cells[table.Columns.ToList().FindIndex(c => c.Name == name)].Integer;
        Assert.Equal((2L, 8_500_000L, 347_000L, 8_153_000L, 150_000L),
            (Column("事業数"), Column("事業費"), Column("その他"), Column("一般財源"), Column("交付決定額")));

        var sheet = (Report)reports["program sheet"];
        Assert.Equal(["年度別事業費", "", "7500000", ""], Texts(sheet, "投入指標")[0]);
        Assert.Equal([["FY2020 (令和2年度)", "11"]], Texts((Report)reports["results table"]));
        // nothing pending
        Assert.Equal([["FY2020 (令和2年度)", "10", "11", "1.1", "", ""], ["FY2021 (令和3年度)", "13", "", "", "", ""]],
            Texts((Report)reports["indicator trend"]));
        Assert.Equal([["FY2021 (令和3年度)", "1", "1000000", "0", "0", "0", "1000000"]], Texts((Report)reports["item cost trend"]));
        var account = (Report)reports["account trend of the plan"];
        Assert.Equal("推移 事業費 一般会計/2 総務費（計画 協働推進プラン）", account.Title);
        Assert.Equal([["FY2021 (令和3年度)", "1", "7500000", "0", "0", "347000", "7153000"]], Texts(account));
        // Courses in the program's order, which the subsidy service publishes by name.
        Assert.Equal(
        [
            ["FY2021 (令和3年度)", "ステップアップ", "0", "0", "0", "0"],
            ["FY2021 (令和3年度)", "チャレンジ", "2", "1", "150000", "0"],
            ["FY2021 (令和3年度)", "計", "2", "1", "150000", "0"],
        ], Texts((Report)reports["subsidy trend"]).Select(r => r[..6]));
        // チャレンジ: its award is a new project (継続 0, 新規 1, unknown 0), and no amount asked for is unknown.
        var challenge = Texts((Report)reports["subsidy trend"])[1];
        Assert.Equal(["0", "1", "0", "0"], [.. challenge[6..9], challenge[10]]);
    }

    /// <summary>Every report kind, with and without the filters the written data gives them something to do.</summary>
    private static List<(string Name, Func<ReportingService.ReportingServiceClient, Task<IMessage>> Take)> Reports(Written w) =>
    [
        ("overview", async c => await c.GetMunicipalityOverviewAsync(new GetMunicipalityOverviewRequest { MunicipalityCode = Miyota })),
        ("department summary", async c => await c.GetDepartmentSummaryAsync(
            new DepartmentSummaryRequest { MunicipalityCode = Miyota, FiscalYearFrom = 2020, FiscalYearTo = 2022 })),
        ("item list", async c => await c.GetPlanItemListAsync(new PlanReportRequest { MunicipalityCode = Miyota, PlanId = w.PlanId })),
        ("item list of 企画課", async c =>
            await c.GetPlanItemListAsync(new PlanReportRequest { MunicipalityCode = Miyota, PlanId = w.PlanId, DepartmentId = w.Kikaku })),
        ("schedule table",
            async c => await c.GetScheduleTableAsync(new PlanReportRequest { MunicipalityCode = Miyota, PlanId = w.PlanId })),
        ("schedule table FY2021–FY2022 of 企画課", async c => await c.GetScheduleTableAsync(new PlanReportRequest
            { MunicipalityCode = Miyota, PlanId = w.PlanId, DepartmentId = w.Kikaku, FiscalYearFrom = 2021, FiscalYearTo = 2022 })),
        ("program sheet",
            async c => await c.GetProgramSheetAsync(new ProgramSheetRequest { MunicipalityCode = Miyota, ItemId = w.Training.Id })),
        ("results table",
            async c => await c.GetResultsTableAsync(new ResultsTableRequest { MunicipalityCode = Miyota, PlanId = w.PlanId })),
        ("indicator trend", async c =>
            await c.GetTrendAsync(new TrendRequest { MunicipalityCode = Miyota, IndicatorId = w.Registration.Indicators[0].Id })),
        ("item cost trend", async c => await c.GetTrendAsync(new TrendRequest { MunicipalityCode = Miyota, ItemId = w.Registration.Id })),
        ("account trend of the plan", async c =>
            await c.GetTrendAsync(new TrendRequest { MunicipalityCode = Miyota, AccountPath = "一般会計/2 総務費", PlanId = w.PlanId })),
        ("subsidy trend", async c => await c.GetTrendAsync(new TrendRequest { MunicipalityCode = Miyota, SubsidyProgramId = w.ProgramId })),
    ];

    private static string[][] Texts(Report report, string? table = null) =>
        (table is null ? report.Tables[0] : report.Tables.Single(t => t.Name == table)).Rows.Select(ReportCells.Texts).ToArray();

    /// <summary>
    /// A plan of FY2020–FY2022 with two measures; 協働のまちづくり研修 (協働推進課・企画課, その他（小学4年生）,
    /// re-listed under Ⅳ-(2), its schedule set again after creation) and 市民活動団体の登録 (an indicator
    /// whose actual is recorded and target revised); a budget line for each (the first revised to
    /// 7,500,000 yen); a program spending from the second's line with one application awarded
    /// 150,000 yen and one rejected.
    /// </summary>
    private async Task<Written> WriteAsync()
    {
        var plan = (await Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = Miyota, Name = "御代田町" }, Name = "協働推進プラン", StartFiscalYear = "令和2年度",
            EndFiscalYear = "R4",
        })).Plan;
        async Task<PlanNode> NodeAsync(string code, string title, string? parent = null) =>
            (await Plans.CreateNodeAsync(new CreateNodeRequest
            { PlanId = plan.Id, ParentId = parent ?? "", LevelName = parent is null ? "推進方針" : "推進施策", Code = code, Title = title })).Node;
        var ii = await NodeAsync("Ⅱ", "協働の担い手を育てます");
        var ii3 = await NodeAsync("(3)", "市民活動の支援", ii.Id);
        var iv = await NodeAsync("Ⅳ", "協働を実践します");
        var iv2 = await NodeAsync("(2)", "協働による事業の推進", iv.Id);

        var training = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id,
            Fields = new ItemFields
            {
                Title = "協働のまちづくり研修", Novelty = ItemNovelty.New, Departments = { "協働推進課", "企画課" }, ImplementingBodies = { "行政", "市民" },
                TargetStakeholders = { Stakeholder.Citizens, Stakeholder.Other }, TargetOther = "小学4年生",
            },
            Placements =
                { new PlacementInput { NodeId = ii3.Id, Code = "④", Primary = true }, new PlacementInput { NodeId = iv2.Id, Code = "①" } },
            Schedule = { new ScheduleRowInput { Label = "・研修", Cells = { new ScheduleCellInput { FiscalYear = "R2", Text = "検討" } } } },
        })).Item;
        training = (await Plans.SetItemScheduleAsync(new SetItemScheduleRequest
        {
            ItemId = training.Id, Version = training.Version,
            Rows =
            {
                new ScheduleRowInput { Label = "・研修", Cells = { new ScheduleCellInput { FiscalYear = "R2", Text = "検討・実施" },
                    new ScheduleCellInput { FiscalYear = "R3", Text = "→" } } },
                new ScheduleRowInput { Label = "・啓発", Cells = { new ScheduleCellInput { FiscalYear = "R4", Text = "実施・完了予定" } } },
            },
        })).Item;
        var registration = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id,
            Fields = new ItemFields { Title = "市民活動団体の登録", Departments = { "協働推進課" } },
            Placements = { new PlacementInput { NodeId = ii3.Id, Code = "⑤", Primary = true } },
            Schedule = { new ScheduleRowInput { Cells = { new ScheduleCellInput { FiscalYear = "R2", Text = "実施" } } } },
            Indicators =
            {
                new IndicatorInput
                {
                    Kind = IndicatorKind.Outcome, Name = "登録団体数", Unit = "団体", Direction = IndicatorDirection.HigherIsBetter,
                    Targets = { new YearValueInput { FiscalYear = "R2", Value = "10" },
                        new YearValueInput { FiscalYear = "R3", Value = "12.5" } },
                },
            },
        })).Item;
        var indicatorId = registration.Indicators[0].Id;
        var recorded = await Plans.RecordActualAsync(
            new RecordActualRequest { IndicatorId = indicatorId, FiscalYear = "R2", Value = "11", ItemVersion = registration.Version });
        await Plans.ReviseTargetAsync(new ReviseTargetRequest
        {
            IndicatorId = indicatorId, FiscalYear = "R3", Value = "13",
            Reason = "実績を踏まえ上方修正", ItemVersion = recorded.ItemVersion
        });
        registration = (await Plans.GetItemAsync(new GetItemRequest { Id = registration.Id })).Item;

        var line = await KomoroLine.CreateAndReviseAsync(Budgets, Miyota, training.Id, 2021);
        var registrationLine = (await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = Miyota, ItemId = registration.Id, FiscalYear = 2021,
            Funding = new FundingBreakdown { CostYen = 1_000_000, GeneralRevenueYen = 1_000_000 },
        })).Line;

        var program = (await Subsidies.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = Miyota, Name = "まちづくり活動補助金",
            Courses =
            {
                new CourseInput { Name = "チャレンジ", CapYen = 200_000, OncePerApplicant = true, AcceptsNewProjects = true },
                new CourseInput { Name = "ステップアップ", CapYen = 150_000, AcceptsContinuingProjects = true },
            },
        })).Program;
        program = (await Subsidies.SetProgramBudgetLineAsync(
            new SetProgramBudgetLineRequest { ProgramId = program.Id, FiscalYear = 2021, BudgetLineId = registrationLine.Id })).Program;
        var challenge = program.Courses.Single(c => c.Name == "チャレンジ");
        var awarded = await ApplyAndReviewAsync(program, challenge, "見守り活動", 180_000);
        await Subsidies.AwardAsync(new AwardRequest { ApplicationId = awarded.Id, AmountYen = 150_000, Comment = "交付決定" });
        var rejected = await ApplyAndReviewAsync(program, challenge, "花壇づくり", 90_000);
        await Subsidies.RejectAsync(new TransitionRequest { ApplicationId = rejected.Id, Comment = "対象外" });

        var departments = (await Plans.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = Miyota })).Departments;
        return new Written(plan.Id, training, registration, departments.Single(d => d.Name == "企画課").Id, program.Id);
    }

    private async Task<Kyodo.Subsidy.V1.Application> ApplyAndReviewAsync(Kyodo.Subsidy.V1.Program program, Course course, string title,
        long requestedYen)
    {
        var applicant = (await Subsidies.RegisterApplicantAsync(
            new RegisterApplicantRequest { MunicipalityCode = Miyota, Name = $"{title}の会", Kind = "市民活動団体" })).Applicant;
        var submitted = (await Subsidies.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = program.Id, CourseId = course.Id, FiscalYear = 2021, ApplicantId = applicant.Id, ProjectTitle = title,
            ProjectKind = ProjectKind.New, RequestedYen = requestedYen,
        })).Application;
        return (await Subsidies.StartReviewAsync(new TransitionRequest { ApplicationId = submitted.Id, Comment = "書類審査" })).Application;
    }
}
