using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace Kyodo.Cli.Tests;

/// <summary>
/// The worked evaluation example of docs/examples.md, run: seed 000's 市民活動支援事業 (小諸市) evaluated for 令和元年度 by
/// 企画課 and approved by another person, with 0.8 人工 at 8,000,000円 (人件費 6,400,000円), 1,000千円
/// carried over into 令和2年度, then printed with `kyodo print evaluation-sheet` and read back.
/// A copy of seed 000 under municipality 20998 keeps the shared system's 小諸市 figures as they are.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WorkedEvaluationExampleTests(KyodoSystem system, ITestOutputHelper output)
{
    private const string Example = "20998";

    private CallInvoker As(string subject, string role, params Guid[] departments) =>
        system.Gateway.Channel.Intercept(m =>
        {
            m.Add("authorization",
                "Bearer " + TestAuth.Mint(new TokenRequest(subject, Example, [role], departments.Select(d => d.ToString()).ToArray())));
            return m;
        });

    [Fact]
    public async Task Seed000sCitizenActivityProgramIsEvaluatedGivenItsStaffCostCarriedOverAndPrinted()
    {
        using var folder = new TempFolder();
        var copy = folder.File("000-example.yaml");
        await File.WriteAllTextAsync(copy, (await File.ReadAllTextAsync(SeedDataset.File("000")))
            .Replace("municipality: { code: \"20208\", name: 小諸市 }", $"municipality: {{ code: \"{Example}\", name: 小諸市（記入例） }}"));
        var imported = await system.RunAsync("import", copy);
        Assert.True(imported.ExitCode == 0, imported.ToString());

        var operatorPlans = new PlanService.PlanServiceClient(HeldState.Invoker(system));
        var item = (await operatorPlans.ListItemsAsync(
            new ListItemsRequest { MunicipalityCode = Example, Text = "市民活動支援事業" })).Items.Single(i => i.Fields.Title == "市民活動支援事業");
        var kikaku = Guid.Parse(item.Departments[0].Id);
        var editorPlans = new PlanService.PlanServiceClient(As("komoro-kikaku-tanto", KyodoRoles.Editor, kikaku));
        var editorBudget = new BudgetService.BudgetServiceClient(As("komoro-kikaku-tanto", KyodoRoles.Editor, kikaku));
        var adminBudget = new BudgetService.BudgetServiceClient(As("komoro-zaisei", KyodoRoles.Admin));

        // 人件費: the city's unit cost for FY2019, the program's 0.8 人工.
        await adminBudget.SetStaffUnitCostAsync(
            new SetStaffUnitCostRequest { MunicipalityCode = Example, FiscalYear = 2019, YenPerPersonYear = 8_000_000 });
        var staff = await editorBudget.SetStaffTimeAsync(
            new SetStaffTimeRequest { MunicipalityCode = Example, ItemId = item.Id, FiscalYear = 2019, PersonYears = "0.8" });
        Assert.Equal((6_400_000L, 13_720_000L), (staff.FullCost.StaffCostYen, staff.FullCost.FullCostYen));

        // 事務事業評価, written and submitted by 企画課, approved by its 課長.
        var evaluation = (await editorPlans.CreateEvaluationAsync(new CreateEvaluationRequest
        {
            ItemId = item.Id, FiscalYear = "令和元年度",
            Content = new EvaluationContent
            {
                Necessity = "A", NecessityReason = "市民活動の拠点として相談・コーディネートの需要が続いている",
                Effectiveness = "B", EffectivenessReason = "紹介数は目標300人に対し280人",
                Efficiency = "A", EfficiencyReason = "補助金と拠点運営を一体で行い事務を抑えている",
                Direction = "拡充", DirectionReason = "交流集会を年2回に増やし、団体間の連携を進める",
            },
        })).Evaluation;
        evaluation = (await editorPlans.SubmitEvaluationAsync(
            new SubmitEvaluationRequest { Id = evaluation.Id, Version = evaluation.Version })).Evaluation;
        await new PlanService.PlanServiceClient(As("komoro-kikaku-kacho", KyodoRoles.Admin))
            .ApproveEvaluationAsync(new ApproveEvaluationRequest { Id = evaluation.Id, Version = evaluation.Version });

        // 繰越: 1,000千円 of FY2019's 一般財源 into FY2020.
        var fy2019 = (await editorBudget.ListBudgetLinesAsync(
            new ListBudgetLinesRequest { MunicipalityCode = Example, ItemId = item.Id, FiscalYear = 2019 })).Lines.Single();
        await editorBudget.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = fy2019.Id, Version = fy2019.Version, Stage = BudgetStage.Carryover, Reason = "拠点施設の改修が年度内に終わらないため（繰越明許費）",
            Amount = new FundingBreakdown { CostYen = 1_000_000, GeneralRevenueYen = 1_000_000 },
        });

        var pdf = folder.File("sheet.pdf");
        var printed = await system.RunAsync("print", "evaluation-sheet", "--municipality", Example, "--item", "市民活動支援事業", "--fiscal-year",
            "令和元年度", "--out", pdf);
        Assert.True(printed.ExitCode == 0, printed.ToString());

        using var document = PdfDocument.Open(pdf);
        Assert.Equal((842, 595), ((int)Math.Round(document.GetPage(1).Width), (int)Math.Round(document.GetPage(1).Height)));
        var text = string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "");
        output.WriteLine(text);
        foreach (var expected in new[]
                 {
                     "事務事業評価シートFY2019(令和元年度)", "政策6全ての主体が参加し、協働するまちづくり", "市民活動支援事業",
                     "6,320", "8,300", "7,300", // 事業費 千円: FY2019 7,320 − 1,000 carried; FY2020 7,300 + 1,000; FY2021 as printed
                     "6,400", "12,720", // 人件費 and フルコスト FY2019 in 千円
                     "0.8人×8,000,000円=6,400,000円",
                     "繰越FY2019→FY2020:1,000,000円（減）", "繰越FY2019→FY2020:1,000,000円（増）", // each line's side of it
                     "拡充", "交流集会を年2回に増やし", "承認済", "komoro-kikaku-kacho", "活動団体・ボランティアの紹介数",
                 })
            Assert.Contains(expected, text);
    }
}
