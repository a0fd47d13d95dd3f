using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Security;
using Kyodo.Testing;
using static Kyodo.EndToEnd.Tests.ReportCells;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// The evaluation cycle written through the services, reported by reporting from their events:
/// 人件費 and フルコスト in the department summary and the program sheet (0.8 人工 × 8,000,000円 =
/// 6,400,000円; 0.33 × 7,654,321円 = 2,525,925.93 → 2,525,926円, rounded half up as budget's
/// GetFullCost), the evaluation summary by department and by node (an evaluation leaving with its
/// deleted item), and a submitted actual shown apart from the approved one.
/// </summary>
public sealed class EvaluationCycleReportsTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string Saku = "20217";

    private PlanService.PlanServiceClient Plans => new(system.Gateway.Channel);
    private BudgetService.BudgetServiceClient Budgets => new(system.Gateway.Channel);
    private ReportingService.ReportingServiceClient Reports => new(system.Gateway.Channel);
    private PlanService.PlanServiceClient Approver => new(system.Gateway.ChannelAs(TestAuth.UserToken(Saku, KyodoRoles.Admin)));

    private sealed record Written(Item Support, Item Registration, Item Dropped, PlanNode Policy, PlanNode Measure);

    [Fact]
    public async Task StaffTimeEvaluationsAndActualsWrittenThroughTheServicesAppearInTheReportsAsComputedByHandAndARebuildReportsTheSame()
    {
        var w = await WriteAsync();
        await ConsumedAsync();

        // 部署別集計 FY2019: 企画課 7,320,000 + 0.8 × 8,000,000 = 13,720,000; 協働推進課 1.25 × 8,000,000 = 10,000,000 with no line.
        var summary = (await Reports.GetDepartmentSummaryAsync(
            new DepartmentSummaryRequest { MunicipalityCode = Saku, FiscalYearFrom = 2019 })).Tables.Single();
        string[] money = ["事業費", "人工", "人件費", "フルコスト"];
        Assert.Equal(["7320000", "0.8", "6400000", "13720000"], Cells(summary, "企画課", money));
        Assert.Equal(["0", "1.25", "10000000", "10000000"], Cells(summary, "協働推進課", money));
        Assert.Equal(["7320000", "2.05", "16400000", "23720000"], Cells(summary, "合計", money));
        // FY2020's unit cost 7,654,321: 0.33 人工 give 2,525,925.93, rounded half up to 2,525,926.
        var fy2020 = (await Reports.GetDepartmentSummaryAsync(
            new DepartmentSummaryRequest { MunicipalityCode = Saku, FiscalYearFrom = 2020 })).Tables.Single();
        Assert.Equal(["0", "0.33", "2525926", "2525926"], Cells(fy2020, "企画課", money));

        // The program sheet: 人件費 and フルコスト per year under the sources; the submitted FY2019 actual apart from 指標.
        var sheet = await Reports.GetProgramSheetAsync(
            new ProgramSheetRequest { MunicipalityCode = Saku, ItemId = w.Support.Id, FiscalYearFrom = 2019, FiscalYearTo = 2020 });
        var cost = sheet.Tables.Single(t => t.Name == "投入指標");
        Assert.Equal(["人件費", "6400000", "2525926"], RowOf(cost, "人件費"));
        Assert.Equal(["フルコスト（事業費＋人件費）", "13720000", "2525926"], RowOf(cost, "フルコスト（事業費＋人件費）"));
        Assert.Contains(sheet.Tables.Single(t => t.Name == "事務事業").Rows, r => r.Cells[0].Text == "人工" && r.Cells[1].Text.Contains("0.8人"));
        // FY2019: the target, and no approved actual
        Assert.Equal(["300", ""], RowOf(sheet.Tables.Single(t => t.Name == "指標"), "相談件数")[5..7]);
        Assert.Equal([["相談件数", "FY2019 (令和元年度)", "280", "件", "承認待ち", "kyodo-tests", ""]],
            sheet.Tables.Single(t => t.Name == "未承認の実績").Rows.Select(r => r.Cells.Select(Text).ToArray()).ToArray());
        // The registration's approved actual is official: on its sheet's 指標, and no pending table.
        var registered = await Reports.GetProgramSheetAsync(
            new ProgramSheetRequest { MunicipalityCode = Saku, ItemId = w.Registration.Id, FiscalYearFrom = 2019, FiscalYearTo = 2019 });
        Assert.Equal("12", RowOf(registered.Tables.Single(t => t.Name == "指標"), "登録団体数")[6]);
        Assert.DoesNotContain(registered.Tables, t => t.Name == "未承認の実績");

        // 評価集計 FY2019: the dropped item's evaluation left with it.
        var evaluations =
            await Reports.GetEvaluationSummaryAsync(new EvaluationSummaryRequest { MunicipalityCode = Saku, FiscalYear = 2019 });
        var byDepartment = evaluations.Tables.Single(t => t.Name == "部署別");
        string[] counts = ["評価数", "作成中", "承認済", "拡充", "継続", "改善", "必要性:A", "有効性:B", "効率性:A"];
        Assert.Equal(["1", "0", "1", "1", "0", "0", "1", "1", "1"], Cells(byDepartment, "企画課", counts));
        Assert.Equal(["1", "1", "0", "0", "1", "0", "1", "0", "0"], Cells(byDepartment, "協働推進課", counts));
        Assert.Equal(["2", "1", "1", "1", "1", "0", "2", "1", "1"], Cells(byDepartment, "合計", counts));
        // Directions in the municipality's order: plan's defaults, none changed.
        Assert.Equal(["拡充", "継続", "改善", "縮小", "統合", "休止", "廃止", "完了"],
            byDepartment.Columns.Select(c => c.Name).SkipWhile(n => n != "拡充").Take(8));

        var byNode = evaluations.Tables.Single(t => t.Name == "施策・政策別");
        Assert.Equal(
        [
            ["政策", "6", "継続", "承認済", "2", "1", "1"], // the policy's own evaluation, and its measure's two items
            ["施策", "6-1", "", "", "2", "1", "1"],
        ], byNode.Rows.Select(r => new[] { Text(r, byNode, "階層名"), Text(r, byNode, "コード"), Text(r, byNode, "評価（方向性）"),
            Text(r, byNode, "評価（状況）"), Text(r, byNode, "事務事業 評価数"), Text(r, byNode, "事務事業 拡充"), Text(r, byNode, "事務事業 継続") }).ToArray());

        // Approved only: the draft and the node's approved evaluation aside, 企画課's approved one.
        var approved = (await Reports.GetEvaluationSummaryAsync(
            new EvaluationSummaryRequest { MunicipalityCode = Saku, FiscalYear = 2019, ApprovedOnly = true }))
            .Tables.Single(t => t.Name == "部署別");
        Assert.Equal(["企画課", "合計"], approved.Rows.Select(r => r.Cells[0].Text));

        // The 事務事業評価シート through ExportReport, read back from the PDF.
        var text = await SheetTextAsync(new EvaluationSheetRequest { MunicipalityCode = Saku, ItemId = w.Support.Id, FiscalYear = 2019 });
        foreach (var expected in new[]
                 {
                     "事務事業評価シートFY2019(令和元年度)", "政策6協働するまちづくり", "施策6-1協働の推進", "市民活動支援事業",
                     "7,320", "6,400", "13,720", "2,526", // 千円: 事業費, 人件費 and フルコスト FY2019; 人件費 FY2020
                     "0.8人×8,000,000円=6,400,000円", "0.33人×7,654,321円=2,525,926円",
                     "（承認待ち280）", // 相談件数 FY2019, apart from the (missing) approved actual
                     "拡充", "承認済", $"admin@{Saku}",
                 })
            Assert.Contains(expected, text);
        var csv = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => SheetTextAsync(
            new EvaluationSheetRequest { MunicipalityCode = Saku, ItemId = w.Support.Id, FiscalYear = 2019 }, ExportFormat.Csv));
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, csv.StatusCode);

        // Wiped and rebuilt from the services' lists (budget's ListStaffTimes among them), the reports read the same.
        var reports = await ReportsAsync(w);
        await new ReadModelSnapshots(system.Reporting.Services, Saku).WipeAsync();
        var rebuildCounts = await Rebuilds.RunAsync(system, Saku);
        Assert.Equal(3, rebuildCounts.Evaluations); // the dropped item's went with it
        var rebuilt = await ReportsAsync(w);
        foreach (var (name, before) in reports) Assert.True(before.Tables.Equals(rebuilt[name].Tables),
            $"{name} differs:\nevents:  {before}\nrebuilt: {rebuilt[name]}");
    }

    private async Task<Dictionary<string, Report>> ReportsAsync(Written w) => new()
    {
        ["department summary"] = await Reports.GetDepartmentSummaryAsync(
            new DepartmentSummaryRequest { MunicipalityCode = Saku, FiscalYearFrom = 2019, FiscalYearTo = 2020 }),
        ["evaluation summary"] =
            await Reports.GetEvaluationSummaryAsync(new EvaluationSummaryRequest { MunicipalityCode = Saku, FiscalYear = 2019 }),
        ["program sheet"] = await Reports.GetProgramSheetAsync(new ProgramSheetRequest { MunicipalityCode = Saku, ItemId = w.Support.Id }),
    };

    private async Task<string> SheetTextAsync(EvaluationSheetRequest sheet, ExportFormat format = ExportFormat.Pdf)
    {
        using var call = Reports.ExportReport(new ExportReportRequest { Format = format, EvaluationSheet = sheet });
        var data = new MemoryStream();
        while (await call.ResponseStream.MoveNext(CancellationToken.None)) call.ResponseStream.Current.Data.WriteTo(data);
        using var document = UglyToad.PdfPig.PdfDocument.Open(data.ToArray());
        return string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "");
    }

    private async Task<Written> WriteAsync()
    {
        var plan = (await Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = Saku, Name = "佐久市" }, Name = "総合計画 実施計画", StartFiscalYear = "2019",
            EndFiscalYear = "2021",
        })).Plan;
        var policy = (await Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "政策", Code = "6", Title = "協働するまちづくり" })).Node;
        var measure = (await Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, ParentId = policy.Id, LevelName = "施策", Code = "6-1", Title = "協働の推進" })).Node;
        async Task<Item> ItemAsync(string title, string department, IndicatorInput indicator) =>
            (await Plans.CreateItemAsync(new CreateItemRequest
            {
                PlanId = plan.Id, Fields = new ItemFields { Title = title, Departments = { department } },
                Placements = { new PlacementInput { NodeId = measure.Id, Code = "1", Primary = true } }, Indicators = { indicator },
            })).Item;
        IndicatorInput Indicator(string name, string unit, string target) => new()
        {
            Kind = IndicatorKind.Activity, Name = name, Unit = unit, Direction = IndicatorDirection.HigherIsBetter,
            Targets = { new YearValueInput { FiscalYear = "2019", Value = target } },
        };
        var support = await ItemAsync("市民活動支援事業", "企画課", Indicator("相談件数", "件", "300"));
        var registration = await ItemAsync("市民活動団体の登録", "協働推進課", Indicator("登録団体数", "団体", "10"));
        var dropped = await ItemAsync("廃止予定の事業", "企画課", Indicator("開催回数", "回", "3"));

        await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = Saku, ItemId = support.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 7_320_000, OtherYen = 347_000, GeneralRevenueYen = 6_973_000 },
        });
        await Budgets.SetStaffUnitCostAsync(
            new SetStaffUnitCostRequest { MunicipalityCode = Saku, FiscalYear = 2019, YenPerPersonYear = 8_000_000 });
        await Budgets.SetStaffTimeAsync(
            new SetStaffTimeRequest { MunicipalityCode = Saku, ItemId = support.Id, FiscalYear = 2019, PersonYears = "0.8" });
        await Budgets.SetStaffTimeAsync(
            new SetStaffTimeRequest { MunicipalityCode = Saku, ItemId = registration.Id, FiscalYear = 2019, PersonYears = "1.25" });
        // FY2020's staff time first, its unit cost after: the order must not matter.
        await Budgets.SetStaffTimeAsync(
            new SetStaffTimeRequest { MunicipalityCode = Saku, ItemId = support.Id, FiscalYear = 2020, PersonYears = "0.33" });
        await Budgets.SetStaffUnitCostAsync(
            new SetStaffUnitCostRequest { MunicipalityCode = Saku, FiscalYear = 2020, YenPerPersonYear = 7_654_321 });

        EvaluationContent Content(string direction, string necessity, string effectiveness, string efficiency) => new()
        {
            Necessity = necessity, NecessityReason = "需要が続いている", Effectiveness = effectiveness, EffectivenessReason = "目標に近い",
            Efficiency = efficiency, EfficiencyReason = "事務を抑えている", Direction = direction, DirectionReason = "次年度に向けて",
        };
        var supportEvaluation = (await Plans.CreateEvaluationAsync(
            new CreateEvaluationRequest { ItemId = support.Id, FiscalYear = "2019", Content = Content("拡充", "A", "B", "A") })).Evaluation;
        supportEvaluation = (await Plans.SubmitEvaluationAsync(
            new SubmitEvaluationRequest { Id = supportEvaluation.Id, Version = supportEvaluation.Version })).Evaluation;
        await Approver.ApproveEvaluationAsync(
            new ApproveEvaluationRequest { Id = supportEvaluation.Id, Version = supportEvaluation.Version });
        await Plans.CreateEvaluationAsync(
            new CreateEvaluationRequest { ItemId = registration.Id, FiscalYear = "2019", Content = Content("継続", "A", "A", "B") });
        await Plans.CreateEvaluationAsync(
            new CreateEvaluationRequest { ItemId = dropped.Id, FiscalYear = "2019", Content = Content("改善", "C", "C", "C") });
        var kikaku = (await Plans.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = Saku })).Departments.Single(
            d => d.Name == "企画課");
        var policyEvaluation = (await Plans.CreateEvaluationAsync(new CreateEvaluationRequest
        {
            NodeId = policy.Id, FiscalYear = "2019", EvaluatorDepartmentId = kikaku.Id,
            Content = Content("継続", "A", "A", "A")
        })).Evaluation;
        policyEvaluation = (await Plans.SubmitEvaluationAsync(
            new SubmitEvaluationRequest { Id = policyEvaluation.Id, Version = policyEvaluation.Version })).Evaluation;
        await Approver.ApproveEvaluationAsync(
            new ApproveEvaluationRequest { Id = policyEvaluation.Id, Version = policyEvaluation.Version });

        // The evaluation of the dropped item counts until the item is deleted.
        await ConsumedAsync();
        var before = (await Reports.GetEvaluationSummaryAsync(
            new EvaluationSummaryRequest { MunicipalityCode = Saku, FiscalYear = 2019 })).Tables.Single(t => t.Name == "部署別");
        Assert.Equal(["2", "1"], Cells(before, "企画課", ["評価数", "改善"]));
        dropped = (await Plans.GetItemAsync(new GetItemRequest { Id = dropped.Id })).Item;
        await Plans.DeleteItemAsync(new DeleteItemRequest { Id = dropped.Id, Version = dropped.Version });

        // 相談件数 FY2019: 280 entered and submitted, not approved; 登録団体数: 12, approved.
        await Plans.EnterActualAsync(new EnterActualRequest
        {
            IndicatorId = support.Indicators[0].Id, FiscalYear = "2019", Value = "280",
            Submit = true, ItemVersion = support.Version
        });
        var entered = await Plans.EnterActualAsync(new EnterActualRequest
        {
            IndicatorId = registration.Indicators[0].Id, FiscalYear = "2019", Value = "12", Submit = true,
            ItemVersion = registration.Version
        });
        await Approver.ApproveActualAsync(new ApproveActualRequest
        {
            IndicatorId = registration.Indicators[0].Id, FiscalYear = "2019",
            ItemVersion = entered.ItemVersion
        });
        return new Written(support, registration, dropped, policy, measure);
    }

    private async Task ConsumedAsync() =>
        await PublishedEvents.ConsumedAsync(system.Reporting, await PublishedEvents.CaptureAsync(system, Saku));

    private static string[] RowOf(Table table, string label) =>
        table.Rows.Single(r => r.Cells.Take(2).Any(c => c.Text == label)).Cells.Select(Text).ToArray();
}
