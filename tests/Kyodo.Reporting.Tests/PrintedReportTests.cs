using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.V1;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// Reports printed: the PDF read back with PdfPig (a reader independent of PDFsharp, which writes it),
/// its text and page size; the XLSX page setup read from the package's own XML, not through the
/// OpenXml SDK that writes it. Figures of seed 000 (市民活動支援事業 FY2019: 7,320千円 = 347 + 6,973).
/// </summary>
public sealed class PrintedReportTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private static readonly DateTimeOffset At = new(2019, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private async Task<(string Municipality, Guid ItemId)> KomoroAsync(string municipality)
    {
        var (planId, kikaku) = (Guid.NewGuid(), Guid.NewGuid());
        var item = SummaryEvents.Item(planId, (kikaku, "企画課"), "市民活動支援事業", [], []);
        IIntegrationEvent[] events =
        [
            SummaryEvents.PlanOf(municipality, planId, "小諸市 実施計画", 2019, 2021, At),
            SummaryEvents.Department(municipality, kikaku, "企画課", 1, At),
            SummaryEvents.Created(municipality, item, At),
            new BudgetLineCreated(Guid.NewGuid(), At.AddMinutes(1), municipality, new BudgetLineSnapshot(Guid.NewGuid(), item.ItemId,
                item.Title, kikaku, "企画課", 2019,
                "一般会計/2 総務費/1 総務管理費/4 企画費", "Initial", 0, new FundingAmounts(7_320_000, 0, 0, 347_000, 6_973_000), 1)),
        ];
        await fixture.PublishAndWaitAsync(events);
        return (municipality, item.ItemId);
    }

    [Fact]
    public async Task ADepartmentSummaryPdfIsA3LandscapeWithItsJapaneseTextAndFiguresReadableAndItsFontEmbedded()
    {
        var (municipality, _) = await KomoroAsync("20401");
        var summary = new DepartmentSummaryRequest { MunicipalityCode = municipality, FiscalYearFrom = 2019 };

        var pdf = await fixture.DownloadAsync(new ExportReportRequest { Format = ExportFormat.Pdf, DepartmentSummary = summary });

        Assert.Equal($"department-summary-{municipality}.pdf", pdf.Name);
        using var document = PdfDocument.Open(pdf.Data);
        var page = document.GetPage(1);
        // A3 landscape: the summary is wider than 12 columns
        Assert.Equal((1191, 842), ((int)Math.Round(page.Width), (int)Math.Round(page.Height)));
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains("企画課", text);
        Assert.Contains("7,320", text);  // 事業費 in 千円
        Assert.Contains("6,973", text);  // 一般財源
        Assert.Contains($"自治体コード {municipality}".Replace(" ", ""), text.Replace(" ", ""));
        Assert.Contains("1 / 1", text);
        Assert.All(page.Letters.Where(l => l.Value.Trim().Length > 0), l => Assert.Contains("IPAexGothic", l.FontName));
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(pdf.Data)); // the TrueType program is in the file

        var a4 = await fixture.DownloadAsync(
            new ExportReportRequest { Format = ExportFormat.Pdf, Paper = PaperSize.A4, DepartmentSummary = summary });
        using var small = PdfDocument.Open(a4.Data);
        Assert.Equal((842, 595), ((int)Math.Round(small.GetPage(1).Width), (int)Math.Round(small.GetPage(1).Height)));
    }

    [Fact]
    public async Task AProgramSheetPdfHoldsSeed000sCostBySourceIn千円()
    {
        var (municipality, itemId) = await KomoroAsync("20402");

        var pdf = await fixture.DownloadAsync(new ExportReportRequest
        {
            Format = ExportFormat.Pdf,
            ProgramSheet = new ProgramSheetRequest { MunicipalityCode = municipality, ItemId = itemId.ToString() },
        });

        using var document = PdfDocument.Open(pdf.Data);
        Assert.Equal((842, 595), ((int)Math.Round(document.GetPage(1).Width), (int)Math.Round(document.GetPage(1).Height)));
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        foreach (var expected in new[] { "事務事業 市民活動支援事業", "年度別事業費", "7,320", "347", "6,973", "FY2019 (令和元年度)" })
            Assert.Contains(expected.Replace(" ", ""), text.Replace(" ", ""));
    }

    [Fact]
    public async Task AnExportedWorkbookPrintsLandscapeFittedToWidthWithItsHeaderRepeatedColumnWidthsAndWrappedText()
    {
        var (municipality, _) = await KomoroAsync("20403");

        var xlsx = await fixture.DownloadAsync(new ExportReportRequest
        {
            Format = ExportFormat.Xlsx,
            DepartmentSummary = new DepartmentSummaryRequest { MunicipalityCode = municipality, FiscalYearFrom = 2019 },
        });

        using var package = new ZipArchive(new MemoryStream(xlsx.Data));
        XDocument Part(string name) => XDocument.Load(package.GetEntry(name)!.Open());
        var sheet = Part("xl/worksheets/sheet1.xml").Root!;
        var setup = sheet.Element(Main + "pageSetup")!;
        Assert.Equal(("8", "landscape", "1", "0"), ((string)setup.Attribute("paperSize")!, (string)setup.Attribute("orientation")!,
            (string)setup.Attribute("fitToWidth")!, (string)setup.Attribute("fitToHeight")!));
        Assert.Equal("1", (string)sheet.Element(Main + "sheetPr")!.Element(Main + "pageSetUpPr")!.Attribute("fitToPage")!);
        var widths = sheet.Element(Main + "cols")!.Elements(Main + "col")
            .Select(c => double.Parse((string)c.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(widths.Count > 12, $"{widths.Count} column widths");
        Assert.All(widths, w => Assert.InRange(w, 8, 60));

        var workbook = Part("xl/workbook.xml").Root!;
        var titles = workbook.Descendants(Main + "definedName").Where(d => (string?)d.Attribute("name") == "_xlnm.Print_Titles").ToList();
        Assert.Equal("'部署別集計'!$1:$1", titles.Single(t => (string?)t.Attribute("localSheetId") == "0").Value);

        // The 部署 column's text cells point at a style that wraps.
        var wrapping = Part("xl/styles.xml").Root!.Element(Main + "cellXfs")!.Elements(Main + "xf")
            .Select((xf, i) => (i, wrap: (string?)xf.Element(Main + "alignment")?.Attribute("wrapText") == "1")).Where(x => x.wrap)
            .Select(x => x.i.ToString()).ToHashSet();
        var firstDataCell = sheet.Element(Main + "sheetData")!.Elements(Main + "row").ElementAt(1).Elements(Main + "c").First();
        Assert.Contains((string)firstDataCell.Attribute("s")!, wrapping);
    }

    [Fact]
    public async Task TheEvaluationCyclesEventsAreRecordedWholeAndOnceEach()
    {
        const string municipality = "20404";
        var itemId = Guid.NewGuid();
        var staff = new StaffTimeChanged(Guid.NewGuid(), At, municipality, itemId, 2019, 0.8m, 8_000_000, 6_400_000, 1);
        var evaluation = new EvaluationChanged(Guid.NewGuid(), At, municipality, new EvaluationSnapshot(Guid.NewGuid(), Guid.NewGuid(),
            itemId, null, 2019,
            Guid.NewGuid(), "企画課", "A", "", "B", "", "A", "", "拡充", "", "Approved", "kikaku", At, "kikaku", At, "kacho", At, "", 4),
                "approved", false);

        await fixture.PublishAndWaitAsync(staff, evaluation, staff);

        await using var db = fixture.OpenDatabase();
        var rows =
            await db.Set<EvaluationCycleEventRow>().Where(r => r.MunicipalityCode == municipality).OrderBy(r => r.EventType).ToListAsync();
        Assert.Equal([("EvaluationChanged", (Guid?)evaluation.Evaluation.EvaluationId, 4), ("StaffTimeChanged", itemId, 1)],
            rows.Select(r => (r.EventType, r.SubjectId, r.Revision!.Value)));
        Assert.Contains("\"staffCostYen\":6400000", rows[1].Payload.Replace(" ", ""));
    }
}
