using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Security;
using Kyodo.Testing;
using static Kyodo.EndToEnd.Tests.ReportCells;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// Actuals on their way through review, written through the services and reported from their
/// events: an approved actual is counted and graded, a submitted, a returned and a draft one are
/// shown apart with their status and never counted, in the results table, the indicator trend,
/// the department summary and the plan structure, in their CSV and XLSX too; and a passed
/// reporting deadline makes the targets without an approved actual overdue, per department, in
/// reporting's overdue report and the summaries, as plan's ListOverdueActuals lists them.
/// </summary>
public sealed class PendingAndOverdueActualsReportsTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string Chino = "20214";
    private const string Reason = "根拠資料を添付してください";

    private PlanService.PlanServiceClient Plans => new(system.Gateway.Channel);
    private ReportingService.ReportingServiceClient Reports => new(system.Gateway.Channel);
    private PlanService.PlanServiceClient Admin => new(system.Gateway.ChannelAs(TestAuth.UserToken(Chino, KyodoRoles.Admin)));

    private sealed record Written(Kyodo.Plan.V1.Plan Plan, Item Support, Item Training, DepartmentRef Kikaku, DepartmentRef Kyodo);

    [Fact]
    public async Task ApprovedActualsAreCountedWhileSubmittedReturnedAndDraftOnesShowApartAndPassedDeadlinesListWhatIsMissingPerDepartment()
    {
        var w = await WriteAsync();
        await PublishedEvents.ConsumedAsync(system.Reporting, await PublishedEvents.CaptureAsync(system, Chino));

        // 部署別集計 FY2019: 企画課 grades only its approved 310 (achieved); 登録団体数 (submitted), 講座開催数 (returned) and
        // 参加者数 (nothing entered) have no approved actual: 実績なし 3, the first two 未承認, all three past the 2020-06-30 deadline.
        string[] achievement = ["指標:達成", "指標:順調", "指標:遅れ", "指標:実績なし", "未承認の実績", "報告期限超過"];
        var summary = (await Reports.GetDepartmentSummaryAsync(
            new DepartmentSummaryRequest { MunicipalityCode = Chino, FiscalYearFrom = 2019 })).Tables.Single();
        Assert.Equal(["1", "0", "0", "3", "2", "3"], Cells(summary, "企画課", achievement));
        Assert.Equal(["0", "0", "0", "1", "1", "1"], Cells(summary, "協働推進課", achievement)); // its draft 2
        Assert.Equal(["1", "0", "0", "4", "3", "4"], Cells(summary, "合計", achievement));
        // FY2020: 相談件数 has a target and no actual, but its deadline (2099-06-30) has not passed.
        var fy2020 = (await Reports.GetDepartmentSummaryAsync(
            new DepartmentSummaryRequest { MunicipalityCode = Chino, FiscalYearFrom = 2020 })).Tables.Single();
        Assert.Equal(["0", "0", "0", "1", "0", "0"], Cells(fy2020, "企画課", achievement));
        // The plan structure rolls up the same columns per node; the plan's total is the summary's.
        var structure = (await Reports.GetPlanStructureAsync(
            new PlanStructureRequest { MunicipalityCode = Chino, PlanId = w.Plan.Id, FiscalYearFrom = 2019 }))
            .Tables.Single(t => t.Name == "ノード別");
        Assert.Equal(["1", "0", "0", "4", "3", "4"], Cells(structure, "合計", achievement, labelColumn: 1));

        // 実績表: approved values in 実績; the other three apart with their status, who acted last and the reason given.
        var results = await Reports.GetResultsTableAsync(
            new ResultsTableRequest { MunicipalityCode = Chino, PlanId = w.Plan.Id, FiscalYearFrom = 2019 });
        var actuals = results.Tables.Single(t => t.Name == "実績");
        Assert.Equal(["FY2019 (令和元年度)", "310", "", "", "", ""],
            new[] { "実施年度", "相談件数（件）", "登録団体数（団体）", "講座開催数（回）", "参加者数（人）", "研修回数（回）" }.Select(
                c => Text(actuals.Rows.Single(), actuals, c)));
        Assert.Equal(
        [
            ["登録団体数（団体）", "FY2019 (令和元年度)", "8", "団体", "承認待ち", "kyodo-tests", ""],
            ["講座開催数（回）", "FY2019 (令和元年度)", "4", "回", "差戻し", $"admin@{Chino}", Reason],
            ["研修回数（回）", "FY2019 (令和元年度)", "2", "回", "作成中", "kyodo-tests", ""],
        ], results.Tables.Single(t => t.Name == "未承認の実績").Rows.Select(Texts).ToArray());

        // 推移: the submitted 8 beside a blank actual and no 達成率; the approved 310 graded 310 / 300.
        var registered = (await Reports.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Chino, IndicatorId = w.Support.Indicators[1].Id })).Tables.Single();
        Assert.Equal(["年度", "目標（団体）", "実績（団体）", "達成率", "未承認の実績（団体）", "未承認の状況"], registered.Columns.Select(c => c.Name));
        Assert.Equal(["FY2019 (令和元年度)", "10", "", "", "8", "承認待ち"], Texts(registered.Rows.Single()));
        var consulted = (await Reports.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Chino, IndicatorId = w.Support.Indicators[0].Id })).Tables.Single();
        Assert.Equal(["FY2019 (令和元年度)", "300", "310", "", ""], Texts(consulted.Rows[0]).Where((_, i) => i != 3).ToArray());
        Assert.Equal(310.0 / 300, consulted.Rows[0].Cells[3].Number, 6);
        var returned = (await Reports.GetTrendAsync(
            new TrendRequest { MunicipalityCode = Chino, IndicatorId = w.Support.Indicators[2].Id })).Tables.Single();
        Assert.Equal(["FY2019 (令和元年度)", "5", "", "", "4", "差戻し"], Texts(returned.Rows.Single()));

        // 報告期限超過 today: per lead department, what is missing and where it stands.
        var overdue = await Reports.GetOverdueActualsAsync(new OverdueActualsRequest { MunicipalityCode = Chino });
        var byDepartment = overdue.Tables.Single(t => t.Name == "部署別");
        Assert.Equal(["部署", "期限超過", "未入力", "作成中", "差戻し", "承認待ち"], byDepartment.Columns.Select(c => c.Name));
        Assert.Equal([["企画課", "3", "1", "0", "1", "1"], ["協働推進課", "1", "0", "1", "0", "0"], ["合計", "4", "1", "1", "1", "1"]],
            byDepartment.Rows.Select(Texts).ToArray());
        var details = overdue.Tables.Single(t => t.Name == "期限超過の実績");
        Assert.Equal(
        [
            ["企画課", "登録団体数", "10", "承認待ち", "8", ""],
            ["企画課", "講座開催数", "5", "差戻し", "4", Reason],
            ["企画課", "参加者数", "100", "未入力", "", ""],
            ["協働推進課", "研修回数", "3", "作成中", "2", ""],
        ], details.Rows.Select(r => new[] { "部署", "指標名", "目標", "状況", "未承認の値", "コメント" }.Select(c => Text(r, details, c)).ToArray())
            .ToArray());
        Assert.All(details.Rows, r => Assert.Equal(("実施計画", "FY2019 (令和元年度)", "2020-06-30"),
            (Text(r, details, "計画"), Text(r, details, "年度"), Text(r, details, "報告期限"))));

        // The same indicators, department by department, as plan's own ListOverdueActuals names them.
        var planSays =
            await Plans.ListOverdueActualsAsync(new ListOverdueActualsRequest { MunicipalityCode = Chino, AsOfDate = "2020-07-01" });
        Assert.Equal(details.Rows.Select(r => $"{Text(r, details, "部署")}/{Text(r, details, "指標名")}").Order(),
            planSays.Departments.SelectMany(d => d.Actuals.Select(a => $"{d.Department.Name}/{a.IndicatorName}")).Order());

        // Judged on the due date itself nothing has passed; the day after, all four. One department: its row and the total.
        Assert.Equal([["合計", "0", "0", "0", "0", "0"]],
            (await OverdueAsync(new OverdueActualsRequest { MunicipalityCode = Chino, AsOfDate = "2020-06-30" })).Rows.Select(Texts));
        Assert.Equal("4", (await OverdueAsync(new OverdueActualsRequest { MunicipalityCode = Chino, AsOfDate = "2020-07-01" })).Rows[
            ^1].Cells[1].Integer.ToString());
        Assert.Equal([["協働推進課", "1", "0", "1", "0", "0"], ["合計", "1", "0", "1", "0", "0"]],
            (await OverdueAsync(new OverdueActualsRequest { MunicipalityCode = Chino, DepartmentId = w.Kyodo.Id })).Rows.Select(Texts));
        var bad = await Assert.ThrowsAsync<RpcException>(() =>
            Reports.GetOverdueActualsAsync(new OverdueActualsRequest { MunicipalityCode = Chino, AsOfDate = "2020/07/01" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(["as_of_date"], RpcAssert.FieldViolations(bad).Keys);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => Reports.GetOverdueActualsAsync(
            new OverdueActualsRequest { MunicipalityCode = Chino, PlanId = Guid.NewGuid().ToString() }).ResponseAsync);

        // Over REST through the gateway, as a city's other systems read it.
        using var http = new HttpClient { BaseAddress = system.Gateway.RestAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestAuth.SystemToken());
        var json = await http.GetStringAsync($"/reporting/v1/municipalities/{Chino}/overdue-actuals?asOfDate=2020-07-01");
        Assert.Contains("期限超過の実績", json);
        Assert.Contains(Reason, json);

        // The files: each headed column or table in Japanese, the pending values under it, not in the counted ones.
        var resultsCsv = await CsvAsync(new ExportReportRequest
        {
            Format = ExportFormat.Csv,
            ResultsTable = new ResultsTableRequest { MunicipalityCode = Chino, PlanId = w.Plan.Id, FiscalYearFrom = 2019 }
        });
        Assert.Contains("未承認の実績", resultsCsv);
        Assert.Contains($"講座開催数（回）,FY2019 (令和元年度),4,回,差戻し,admin@{Chino},{Reason}", resultsCsv);
        var trendCsv = await CsvAsync(new ExportReportRequest
        {
            Format = ExportFormat.Csv,
            Trend = new TrendRequest { MunicipalityCode = Chino, IndicatorId = w.Support.Indicators[1].Id }
        });
        Assert.Contains("年度,目標（団体）,実績（団体）,達成率,未承認の実績（団体）,未承認の状況", trendCsv);
        Assert.Contains(",10,,,8,承認待ち", trendCsv);
        var summaryCsv = await CsvAsync(new ExportReportRequest
        {
            Format = ExportFormat.Csv,
            DepartmentSummary = new DepartmentSummaryRequest { MunicipalityCode = Chino, FiscalYearFrom = 2019 }
        });
        Assert.Contains("指標:実績なし,未承認の実績,報告期限超過", summaryCsv);
        Assert.Contains(",1,0,0,4,3,4", summaryCsv);
        var overdueCsv = await CsvAsync(
            new ExportReportRequest { Format = ExportFormat.Csv, OverdueActuals = new OverdueActualsRequest { MunicipalityCode = Chino } });
        Assert.Contains("協働推進課,1,0,1,0,0", overdueCsv);
        var workbook = await ExportAsync(new ExportReportRequest
        {
            Format = ExportFormat.Xlsx,
            OverdueActuals = new OverdueActualsRequest { MunicipalityCode = Chino }
        });
        Assert.Equal("overdue-actuals-20214.xlsx", workbook.Name);
        var package = XlsxText(workbook.Data);
        foreach (var expected in new[] { "部署別", "期限超過の実績", "未入力", "差戻し", Reason }) Assert.Contains(expected, package);

        // Wiped and rebuilt from the services' lists (the pending entries of each item, the deadlines of each plan), they read the same.
        var before = await ReportsAsync(w);
        await new ReadModelSnapshots(system.Reporting.Services, Chino).WipeAsync();
        await Rebuilds.RunAsync(system, Chino);
        var rebuilt = await ReportsAsync(w);
        foreach (var (name, report) in before) Assert.True(
            report.Tables.Equals(rebuilt[name].Tables), $"{name} differs:\nevents:  {report}\nrebuilt: {rebuilt[name]}");
    }

    private async Task<Dictionary<string, Report>> ReportsAsync(Written w) => new()
    {
        ["department summary"] = await Reports.GetDepartmentSummaryAsync(
            new DepartmentSummaryRequest { MunicipalityCode = Chino, FiscalYearFrom = 2019, FiscalYearTo = 2020 }),
        ["results table"] = await Reports.GetResultsTableAsync(new ResultsTableRequest { MunicipalityCode = Chino, PlanId = w.Plan.Id }),
        ["trend"] = await Reports.GetTrendAsync(new TrendRequest { MunicipalityCode = Chino, IndicatorId = w.Support.Indicators[2].Id }),
        ["overdue"] = await Reports.GetOverdueActualsAsync(new OverdueActualsRequest { MunicipalityCode = Chino }),
    };

    private async Task<Table> OverdueAsync(OverdueActualsRequest request) =>
        (await Reports.GetOverdueActualsAsync(request)).Tables.Single(t => t.Name == "部署別");

    private async Task<Written> WriteAsync()
    {
        var plan = (await Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = Chino, Name = "茅野市" }, Name = "実施計画", StartFiscalYear = "2019",
            EndFiscalYear = "2021",
        })).Plan;
        IndicatorInput Indicator(string name, string unit, string target) => new()
        {
            Kind = IndicatorKind.Activity, Name = name, Unit = unit, Direction = IndicatorDirection.HigherIsBetter,
            Targets = { new YearValueInput { FiscalYear = "2019", Value = target } },
        };
        var measure =
            (await Plans.CreateNodeAsync(new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "協働の推進" })).Node;
        PlacementInput At(string code) => new() { NodeId = measure.Id, Code = code, Primary = true };
        var consulted = Indicator("相談件数", "件", "300");
        consulted.Targets.Add(new YearValueInput { FiscalYear = "2020", Value = "320" });
        var support = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "市民活動支援事業", Departments = { "企画課" } }, Placements = { At("1") },
            Indicators = { consulted, Indicator("登録団体数", "団体", "10"), Indicator("講座開催数", "回", "5"), Indicator("参加者数", "人", "100") },
        })).Item;
        var training = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "協働のまちづくり研修", Departments = { "協働推進課" } }, Placements = { At("2") },
            Indicators = { Indicator("研修回数", "回", "3") },
        })).Item;

        // 相談件数 310: submitted and approved. 登録団体数 8: submitted. 講座開催数 4: submitted, then returned with a reason.
        var version = support.Version;
        async Task<long> SubmitAsync(int indicator, string value) => (await Plans.EnterActualAsync(new EnterActualRequest
        {
            IndicatorId = support.Indicators[indicator].Id, FiscalYear = "2019", Value = value, Submit = true,
            ItemVersion = version
        })).ItemVersion;
        version = await SubmitAsync(0, "310");
        version = (await Admin.ApproveActualAsync(
            new ApproveActualRequest { IndicatorId = support.Indicators[0].Id, FiscalYear = "2019", ItemVersion = version })).ItemVersion;
        version = await SubmitAsync(1, "8");
        version = await SubmitAsync(2, "4");
        await Admin.ReturnActualAsync(new ReturnActualRequest
        {
            IndicatorId = support.Indicators[2].Id, FiscalYear = "2019",
            ItemVersion = version, Comment = Reason
        });
        // 研修回数 2: a draft, not submitted.
        await Plans.EnterActualAsync(new EnterActualRequest
        {
            IndicatorId = training.Indicators[0].Id, FiscalYear = "2019", Value = "2",
            ItemVersion = training.Version
        });

        // FY2019's actuals were due on 2020-06-30 (passed); FY2020's not before 2099.
        await Plans.SetReportingDeadlineAsync(
            new SetReportingDeadlineRequest { PlanId = plan.Id, FiscalYear = "2019", DueDate = "2020-06-30" });
        await Plans.SetReportingDeadlineAsync(
            new SetReportingDeadlineRequest { PlanId = plan.Id, FiscalYear = "2020", DueDate = "2099-06-30" });

        var departments = (await Plans.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = Chino })).Departments;
        return new Written(plan, support, training, departments.Single(d => d.Name == "企画課"), departments.Single(d => d.Name == "協働推進課"));
    }

    private async Task<(string Name, byte[] Data)> ExportAsync(ExportReportRequest request)
    {
        using var call = Reports.ExportReport(request);
        var data = new MemoryStream();
        var name = "";
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            if (call.ResponseStream.Current.FileName.Length > 0) name = call.ResponseStream.Current.FileName;
            call.ResponseStream.Current.Data.WriteTo(data);
        }
        return (name, data.ToArray());
    }

    private async Task<string> CsvAsync(ExportReportRequest request) => Encoding.UTF8.GetString((await ExportAsync(request)).Data);

    /// <summary>Every XML part of an XLSX package as text (sheet names, shared strings), read with the zip reader, not the
    /// writer.</summary>
    private static string XlsxText(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml")).Select(e => new StreamReader(e.Open()).ReadToEnd()));
    }
}
