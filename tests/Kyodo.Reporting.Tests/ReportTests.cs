using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Grpc.Core;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

public sealed class ReportTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private static readonly DateTimeOffset At = new(2019, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Kikaku = Guid.NewGuid();

    private static ItemSnapshot Item(Guid planId, Guid nodeId, string code, string title, int revision,
        IReadOnlyList<ScheduleCellSnapshot> schedule,
        IReadOnlyList<IndicatorSnapshot>? indicators = null, params string[] stakeholders) => new(
        Guid.NewGuid(), planId, revision, title, "Continuing", [new DepartmentInCharge(Kikaku, "企画課")], ["行政"], stakeholders, "", "", "",
        "", "", "",
        null, null, "None", [], [], "", [new PlacementSnapshot(nodeId, code, true, $"I-(1)-{code}")], schedule, indicators ?? []);

    /// <summary>Publishes a small Yamaguchi-like plan, out of order and with a duplicate, and waits until reporting holds it.</summary>
    private async Task<(Guid PlanId, ItemSnapshot First, ItemSnapshot Second)> PublishPlanAsync(string municipality)
    {
        var planId = Guid.NewGuid();
        var nodeId = Guid.NewGuid();
        var first = Item(planId, nodeId, "①", "地域交流センターの設置", 1,
            [new(1, "", 2019, ["検討"]), new(1, "", 2020, ["実施", "完了予定"])], null, "Citizens", "LocalCommunity");
        var second = Item(planId, nodeId, "②", "市民活動の拠点機能の充実・強化", 2,
            [new(1, "", 2019, ["検討"]), new(1, "", 2020, ["→"])],
            [new IndicatorSnapshot(Guid.NewGuid(), "Outcome", "ごみ量", "g/人日", "LowerIsBetter", null, null, [new YearValue(2019, 480m)],
                [new YearValue(2019, 500m)])],
            "CivicGroups");
        var stale = second with { Revision = 1, Title = "古い題名" };

        // Newer before older, and one event twice: the read model must end as the ordered stream would.
        var updated = new ItemUpdated(Guid.NewGuid(), At.AddMinutes(2), municipality, second);
        // Waits until every event, the stale one and the duplicate too, was consumed: counts alone
        // are reached before the newer state (and its freshness) may have arrived.
        await fixture.PublishAndWaitAsync(
            updated,
            updated,
            new ItemCreated(Guid.NewGuid(), At.AddMinutes(1), municipality, stale),
            new ItemCreated(Guid.NewGuid(), At, municipality, first),
            new PlanCreated(Guid.NewGuid(), At, municipality, planId, "山口市協働推進プラン", 2019, 2020, 1),
            new DepartmentChanged(Guid.NewGuid(), At, municipality, Kikaku, "企画課", 1, false),
            new BudgetLineCreated(Guid.NewGuid(), At, municipality, new BudgetLineSnapshot(Guid.NewGuid(), first.ItemId, first.Title,
                Kikaku, "企画課", 2019, "一般会計/2 総務費", "Initial", 0, new FundingAmounts(7_320_000, 0, 0, 347_000, 6_973_000), 1)));
        return (planId, first, second);
    }

    [Fact]
    public async Task TheScheduleTableListsItemsInDocumentOrderWithTheNewestStateAfterReorderedAndDuplicatedEvents()
    {
        var (planId, _, _) = await PublishPlanAsync("35201");

        var report =
            await fixture.Client.GetScheduleTableAsync(new PlanReportRequest { MunicipalityCode = "35201", PlanId = planId.ToString() });

        var table = report.Tables.Single();
        Assert.Equal(["整理番号", "推進項目", "実施内容", "FY2019 (令和元年度)", "FY2020 (令和2年度)"], table.Columns.Select(c => c.Name));
        Assert.Equal([["I-(1)-①", "地域交流センターの設置", "", "検討", "実施・完了予定"], ["I-(1)-②", "市民活動の拠点機能の充実・強化", "", "検討", "→"]],
            table.Rows.Select(r => r.Cells.Select(c => c.Text).ToArray()));
        Assert.Equal(At.AddMinutes(2), report.AsOf.ToDateTimeOffset());
        await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetScheduleTableAsync(
            new PlanReportRequest { MunicipalityCode = "20208", PlanId = planId.ToString() }).ResponseAsync); // another municipality's plan
    }

    [Fact]
    public async Task TheDepartmentSummaryCountsItemsStagesCostAndAchievementForOneMunicipalityOnly()
    {
        await PublishPlanAsync("35202");
        await PublishPlanAsync("35212"); // a second municipality that must not show

        var report = await fixture.Client.GetDepartmentSummaryAsync(
            new DepartmentSummaryRequest { MunicipalityCode = "35202", FiscalYearFrom = 2019, FiscalYearTo = 2020 });

        var table = report.Tables.Single();
        Assert.Equal(["企画課", "合計"], table.Rows.Select(r => r.Cells[0].Text));
        var row = table.Rows[0];
        long Count(string column) => row.Cells[table.Columns.ToList().FindIndex(c => c.Name == column)].Integer;
        Assert.Equal("企画課", row.Cells[0].Text);
        Assert.Equal((2L, 2L, 1L, 1L), (Count("事業数"), Count("検討（事業数）"), Count("→（事業数）"), Count("完了予定（事業数）")));
        Assert.Equal((7_320_000L, 347_000L), (Count("事業費"), Count("その他")));
        // ごみ量: target 480, actual 500, lower is better → 96%: on track at the default 80%–100%.
        Assert.Equal((0L, 1L, 0L), (Count("指標:達成"), Count("指標:順調"), Count("指標:遅れ")));
    }

    [Fact]
    public async Task ExportsAreARealWorkbookWithTheNumbersAndACsvExcelReadsAsJapanese()
    {
        await PublishPlanAsync("35213");
        var request = new DepartmentSummaryRequest { MunicipalityCode = "35213", FiscalYearFrom = 2019 };

        var xlsx = await DownloadAsync(new ExportReportRequest { Format = ExportFormat.Xlsx, DepartmentSummary = request });
        var csv = await DownloadAsync(new ExportReportRequest { Format = ExportFormat.Csv, DepartmentSummary = request });

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx.Data), false);
        var sheet = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().First(); // then 報告情報
        Assert.Equal("部署別集計", sheet.Name!.Value);
        var rows = ((WorksheetPart)workbook.WorkbookPart.GetPartById(
            sheet.Id!)).Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        var header = rows[0].Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList();
        var costColumn = header.IndexOf("事業費（千円・四捨五入）");
        var cost = rows[1].Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ElementAt(costColumn);
        Assert.Equal("7320000", cost.CellValue!.Text); // stored in yen, shown in 千円 by the number format
        Assert.Equal("department-summary-35213.xlsx", xlsx.Name);

        Assert.Equal([0xEF, 0xBB, 0xBF], csv.Data[..3]);
        var text = Encoding.UTF8.GetString(csv.Data[3..]);
        Assert.Contains("企画課,2,", text); // two items
        Assert.Contains(",7320,0,0,347,6973,", text); // 千円, rounded half up
    }

    private async Task<(string Name, byte[] Data)> DownloadAsync(ExportReportRequest request)
    {
        using var call = fixture.Client.ExportReport(request);
        var data = new MemoryStream();
        var name = "";
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            if (chunk.FileName.Length > 0) name = chunk.FileName;
            chunk.Data.WriteTo(data);
        }
        return (name, data.ToArray());
    }
}
