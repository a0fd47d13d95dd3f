using System.Text;
using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// The 推進項目一覧表 and 年次計画 of seed 003 (Yamaguchi): the stakeholder ■ matrix with その他's
/// text, re-listed items under each measure as 【再掲】, the department and year filters, and
/// both as CSV and XLSX, after a shuffled stream that sends every event twice.
/// </summary>
public sealed class PlanItemListTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private static readonly string[] Header =
        ["整理番号", "推進項目", "担当課", "実施主体", "市民", "地域コミュニティ", "市民活動団体", "事業者", "教育機関", "行政", "その他"];

    // 003's matrix rows (推進項目一覧表) and item sheets (担当課, 実施主体, ■その他（ 小学4年生 ）).
    private static readonly string[] CenterRow = ["Ⅰ-(1)-①", "地域交流センターの設置", "協働推進課・生涯学習課・行革推進課", "行政", "■", "■", "■", "□", "□", "□", "□"];
    private static readonly string[] SubsidyRow = ["Ⅰ-(2)-⑤", "市民活動交流事業補助金の見直し", "協働推進課", "行政", "□", "□", "■", "□", "□", "□", "□"];
    private static readonly string[] LectureRow = ["Ⅱ-(2)-③", "お気軽講座の充実", "生涯学習課・関係課", "行政", "■", "□", "□", "□", "□", "□", "□"];
    private static readonly string[] ReaderRow = ["Ⅱ-(2)-⑤", "協働によるまちづくりの副読本作成", "協働推進課", "行政", "□", "□", "□", "□", "□", "□", "■（小学4年生）"];
    private static readonly string[] TableRow =
        ["Ⅱ-(4)-②", "協働ラウンドテーブル（情報交換・交流・協議の場）の開催", "協働推進課・関係課", "行政・地域コミュニティ・市民活動団体・事業者・教育機関", "□", "■", "■", "■", "■", "■", "□"];

    private static string[] Relisted(string[] row, string reference) => [reference, row[1] + "【再掲】", .. row[2..]];

    [Fact]
    public async Task TheItemListShowsEachPlacementInDocumentOrderWithRelistingsMarkedAndTheStakeholderMatrixIncludingOthersText()
    {
        var plan = await YamaguchiPlan.PublishAsync(fixture, "35301");

        var report = await fixture.Client.GetPlanItemListAsync(
            new PlanReportRequest { MunicipalityCode = "35301", PlanId = plan.PlanId.ToString() });

        Assert.Equal("山口市協働推進プラン 推進項目一覧表", report.Title);
        var table = report.Tables.Single();
        Assert.Equal("推進項目一覧", table.Name);
        Assert.Equal(Header, table.Columns.Select(c => c.Name));
        Assert.Equal(
        [
            CenterRow, SubsidyRow, LectureRow, ReaderRow, TableRow,
            Relisted(SubsidyRow, "Ⅳ-(2)-①"), Relisted(TableRow, "Ⅳ-(2)-③"), Relisted(LectureRow, "Ⅴ-(2)-②"),
        ], table.Texts());
        Assert.Equal(YamaguchiPlan.NewestAt, report.AsOf.ToDateTimeOffset());
    }

    [Fact]
    public async Task ADepartmentFilterKeepsTheItemsItIsInChargeOfNamesItInTheTitleAndStatesTheFreshnessOfWhatItKept()
    {
        var plan = await YamaguchiPlan.PublishAsync(fixture, "35302", shuffleSeed: 11);

        var report = await fixture.Client.GetPlanItemListAsync(new PlanReportRequest
        { MunicipalityCode = "35302", PlanId = plan.PlanId.ToString(), DepartmentId = plan.Shogai.ToString() });

        Assert.Equal("山口市協働推進プラン 推進項目一覧表（担当課 生涯学習課）", report.Title);
        // 生涯学習課 is second of 地域交流センター's departments and first of お気軽講座's, re-listed under Ⅴ-(2).
        Assert.Equal([CenterRow, LectureRow, Relisted(LectureRow, "Ⅴ-(2)-②")], report.Tables.Single().Texts());
        // The newest change of the whole plan (ラウンドテーブル, not 生涯学習課's) is not in this report.
        Assert.Equal(YamaguchiPlan.ShogaiNewestAt, report.AsOf.ToDateTimeOffset());

        var schedule = await fixture.Client.GetScheduleTableAsync(new PlanReportRequest
        { MunicipalityCode = "35302", PlanId = plan.PlanId.ToString(), DepartmentId = plan.Kankei.ToString() });
        Assert.Equal("山口市協働推進プラン 年次計画（担当課 関係課）", schedule.Title);
        Assert.Equal(["Ⅱ-(2)-③", "Ⅱ-(4)-②"], schedule.Tables.Single().Rows.Select(r => r.Cells[0].Text));
    }

    [Fact]
    public async Task AnotherMunicipalitysDepartmentAnswersLikeAMissingOneAndYearsAreRefusedByTheItemList()
    {
        var plan = await YamaguchiPlan.PublishAsync(fixture, "35303");
        var foreignDepartment = Guid.NewGuid();
        await fixture.PublishAndWaitAsync(
            new DepartmentChanged(Guid.NewGuid(), YamaguchiPlan.At, "35399", foreignDepartment, "協働推進課", 1, false),
            new ItemCreated(Guid.NewGuid(), YamaguchiPlan.At, "35399", new ItemSnapshot(Guid.NewGuid(), Guid.NewGuid(), 1, "他市の事業", "New",
                [new DepartmentInCharge(foreignDepartment, "協働推進課")], [], [], "", "", "", "", "", "", null, null, "None", [], [], "", [],
                    [], [])));
        PlanReportRequest Request(string department) =>
            new() { MunicipalityCode = "35303", PlanId = plan.PlanId.ToString(), DepartmentId = department };

        await AccessAssert.LikeMissing("GetPlanItemList", foreignDepartment.ToString(),
            id => fixture.Client.GetPlanItemListAsync(Request(id)).ResponseAsync);
        await AccessAssert.LikeMissing("GetScheduleTable", foreignDepartment.ToString(),
            id => fixture.Client.GetScheduleTableAsync(Request(id)).ResponseAsync);
        var missing = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => fixture.Client.GetPlanItemListAsync(Request(foreignDepartment.ToString())).ResponseAsync);
        Assert.Contains("department", missing.Status.Detail);

        var bad = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.GetPlanItemListAsync(new PlanReportRequest
        { MunicipalityCode = "35303", PlanId = plan.PlanId.ToString(), DepartmentId = "協働推進課", FiscalYearFrom = 2009 }).ResponseAsync);
        Assert.Equal(["department_id", "fiscal_year_from"], RpcAssert.FieldViolations(bad).Keys.Order());
        Assert.Contains("schedule table", RpcAssert.FieldViolations(bad)["fiscal_year_from"]);
    }

    [Fact]
    public async Task TheScheduleTableShowsOnlyTheYearsAskedForWithinThePlansPeriodAndRefusesYearsOutsideIt()
    {
        var plan = await YamaguchiPlan.PublishAsync(fixture, "35304", shuffleSeed: 5);
        PlanReportRequest Request(int from, int to, Guid? department = null) => new()
        {
            MunicipalityCode = "35304", PlanId = plan.PlanId.ToString(), FiscalYearFrom = from, FiscalYearTo = to,
            DepartmentId = department?.ToString() ?? "",
        };

        var report = await fixture.Client.GetScheduleTableAsync(Request(2009, 2010, plan.Kyodo));

        Assert.Equal("山口市協働推進プラン 年次計画（FY2009–FY2010、担当課 協働推進課）", report.Title);
        var table = report.Tables.Single();
        Assert.Equal(["整理番号", "推進項目", "実施内容", "FY2009 (平成21年度)", "FY2010 (平成22年度)"], table.Columns.Select(c => c.Name));
        // 003's 年次計画 H21 and H22 of 協働推進課's items; re-listings are not repeated in the schedule.
        Assert.Equal(
        [
            ["Ⅰ-(1)-①", "地域交流センターの設置", "", "実施・完了予定", ""],
            ["Ⅰ-(2)-⑤", "市民活動交流事業補助金の見直し", "", "実施", "→"],
            ["Ⅱ-(2)-⑤", "協働によるまちづくりの副読本作成", "", "実施", "→"],
            ["Ⅱ-(4)-②", "協働ラウンドテーブル（情報交換・交流・協議の場）の開催", "", "検討", "実施"],
        ], table.Texts());

        var lastYear = await fixture.Client.GetScheduleTableAsync(Request(2012, 0));
        Assert.Equal("山口市協働推進プラン 年次計画（FY2012）", lastYear.Title);
        Assert.Equal(["", "→", "→", "→", "→"], lastYear.Tables[0].Rows.Select(r => r.Cells[3].Text));

        var before = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.GetScheduleTableAsync(Request(2007, 2013)).ResponseAsync);
        Assert.Equal(["fiscal_year_from", "fiscal_year_to"], RpcAssert.FieldViolations(before).Keys.Order());
        Assert.Contains("FY2008–FY2012", RpcAssert.FieldViolations(before)["fiscal_year_to"]);
        var after = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.GetScheduleTableAsync(Request(2012, 2013)).ResponseAsync);
        Assert.Equal(["fiscal_year_to"], RpcAssert.FieldViolations(after).Keys);
        var exported = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.DownloadAsync(new ExportReportRequest
        { Format = ExportFormat.Xlsx, ScheduleTable = Request(2013, 0) }));
        // to = 0 means from only: the year given is the one named
        Assert.Equal(["fiscal_year_from"], RpcAssert.FieldViolations(exported).Keys);
    }

    [Fact]
    public async Task TheItemListAndScheduleTableExportAsCsvWithTheirRowsAndFilters()
    {
        var plan = await YamaguchiPlan.PublishAsync(fixture, "35305");
        var itemList = new PlanReportRequest { MunicipalityCode = "35305", PlanId = plan.PlanId.ToString() };
        var schedule = new PlanReportRequest
        {
            MunicipalityCode = "35305", PlanId = plan.PlanId.ToString(), FiscalYearFrom = 2010,
            FiscalYearTo = 2012
        };

        var listCsv = await fixture.DownloadAsync(new ExportReportRequest { Format = ExportFormat.Csv, PlanItemList = itemList });
        var scheduleCsv = await fixture.DownloadAsync(new ExportReportRequest { Format = ExportFormat.Csv, ScheduleTable = schedule });

        Assert.Equal("plan-item-list-35305.csv", listCsv.Name);
        Assert.Equal([0xEF, 0xBB, 0xBF], listCsv.Data[..3]);
        var list = Lines(listCsv.Data);
        Assert.Equal(["山口市協働推進プラン 推進項目一覧表", $"as of {YamaguchiPlan.NewestAt.ToUniversalTime():O}", "", "推進項目一覧", string.Join(",", Header)],
            list[..5]);
        Assert.Equal(
        [
            string.Join(",", CenterRow), string.Join(",", SubsidyRow), string.Join(",", LectureRow), string.Join(",", ReaderRow),
            string.Join(",", TableRow), "Ⅳ-(2)-①,市民活動交流事業補助金の見直し【再掲】,協働推進課,行政,□,□,■,□,□,□,□",
            "Ⅳ-(2)-③,協働ラウンドテーブル（情報交換・交流・協議の場）の開催【再掲】,協働推進課・関係課,行政・地域コミュニティ・市民活動団体・事業者・教育機関,□,■,■,■,■,■,□",
            "Ⅴ-(2)-②,お気軽講座の充実【再掲】,生涯学習課・関係課,行政,■,□,□,□,□,□,□",
        ], list[5..]);

        var rows = Lines(scheduleCsv.Data);
        Assert.Equal("山口市協働推進プラン 年次計画（FY2010–FY2012）", rows[0]);
        Assert.Equal(
        [
            "年次計画",
            "整理番号,推進項目,実施内容,FY2010 (平成22年度),FY2011 (平成23年度),FY2012 (平成24年度)",
            "Ⅰ-(1)-①,地域交流センターの設置,,,,",
            "Ⅰ-(2)-⑤,市民活動交流事業補助金の見直し,,→,→,→",
            "Ⅱ-(2)-③,お気軽講座の充実,,→,→,→",
            "Ⅱ-(2)-⑤,協働によるまちづくりの副読本作成,,→,→,→",
            "Ⅱ-(4)-②,協働ラウンドテーブル（情報交換・交流・協議の場）の開催,,実施,→,→",
        ], rows[3..]);
    }

    [Fact]
    public async Task TheItemListAndScheduleTableExportAsWorkbooksAnotherReaderReadsWithTheirConditions()
    {
        var plan = await YamaguchiPlan.PublishAsync(fixture, "35306", shuffleSeed: 8);
        var itemList =
            new PlanReportRequest { MunicipalityCode = "35306", PlanId = plan.PlanId.ToString(), DepartmentId = plan.Kyodo.ToString() };
        var schedule = new PlanReportRequest
        {
            MunicipalityCode = "35306", PlanId = plan.PlanId.ToString(), FiscalYearFrom = 2008,
            FiscalYearTo = 2009
        };

        var listXlsx = await fixture.DownloadAsync(new ExportReportRequest { Format = ExportFormat.Xlsx, PlanItemList = itemList });
        var scheduleXlsx = await fixture.DownloadAsync(new ExportReportRequest { Format = ExportFormat.Xlsx, ScheduleTable = schedule });

        Assert.Equal("plan-item-list-35306.xlsx", listXlsx.Name);
        var list = SpreadsheetReadBack.Read(listXlsx.Data);
        Assert.Equal(["推進項目一覧", "報告情報"], list.Select(s => s.Name));
        Assert.Equal(
        [
            Header, CenterRow, SubsidyRow, ReaderRow, TableRow,
            Relisted(SubsidyRow, "Ⅳ-(2)-①"), Relisted(TableRow, "Ⅳ-(2)-③"),
        ], list[0].Texts());
        Assert.Equal(
        [
            ["項目", "内容"],
            ["表題", "山口市協働推進プラン 推進項目一覧表（担当課 協働推進課）"],
            ["自治体コード", "35306"],
            ["条件 plan_id", plan.PlanId.ToString()],
            ["条件 department_id", plan.Kyodo.ToString()],
            ["鮮度（含む最新のイベントの時刻）", YamaguchiPlan.NewestAt.ToUniversalTime().ToString("O")],
        ], list[1].Texts());

        var table = SpreadsheetReadBack.Read(scheduleXlsx.Data);
        Assert.Equal(["年次計画", "報告情報"], table.Select(s => s.Name));
        Assert.Equal(
        [
            ["整理番号", "推進項目", "実施内容", "FY2008 (平成20年度)", "FY2009 (平成21年度)"],
            ["Ⅰ-(1)-①", "地域交流センターの設置", "", "検討", "実施・完了予定"],
            ["Ⅰ-(2)-⑤", "市民活動交流事業補助金の見直し", "", "検討", "実施"],
            ["Ⅱ-(2)-③", "お気軽講座の充実", "", "実施", "→"],
            ["Ⅱ-(2)-⑤", "協働によるまちづくりの副読本作成", "", "検討", "実施"],
            ["Ⅱ-(4)-②", "協働ラウンドテーブル（情報交換・交流・協議の場）の開催", "", "", "検討"],
        ], table[0].Texts());
        Assert.Equal(["条件 plan_id", "条件 fiscal_year_from", "条件 fiscal_year_to"],
            table[1].Texts().Select(r => r[0]).Where(l => l.StartsWith("条件")));
        Assert.Equal(["2008", "2009"], table[1].Texts().Where(r => r[0].StartsWith("条件 fiscal")).Select(r => r[1]));
    }

    private static string[] Lines(byte[] csv) => Encoding.UTF8.GetString(csv[3..]).Split(Environment.NewLine).SkipLast(1).ToArray();
}
