using DocumentFormat.OpenXml.Packaging;
using Grpc.Core;
using Kyodo.Reporting.V1;

namespace Kyodo.Web.Tests;

/// <summary>A page's downloads are the reporting service's own exports of the report it shows.</summary>
[Collection(WebCollection.Name)]
public sealed class ExportTests(WebFixture web)
{
    private ExportReportRequest Summary(ExportFormat format) => new()
    {
        Format = format,
        DepartmentSummary =
            new DepartmentSummaryRequest { MunicipalityCode = WebFixture.Komoro, FiscalYearFrom = 2019, FiscalYearTo = 2019 },
    };

    [Fact]
    public async Task SummaryCsvIsTheReportingServicesExportByteForByte()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "viewer");
        await browser.GoAsync("?from=2019&to=2019");

        var download = await browser.Page.RunAndWaitForDownloadAsync(() => browser.Page.ClickAsync("text=部署別集計 CSV"));
        var file = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var (name, api) = await ExportAsync(Summary(ExportFormat.Csv));

        Assert.Equal(name, download.SuggestedFilename);
        Assert.Equal(api, file);
        Assert.Equal([0xEF, 0xBB, 0xBF], file[..3]);
    }

    [Fact]
    public async Task SummaryXlsxHasTheSheetsOfTheReportingServicesExport()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "viewer");
        await browser.GoAsync("?from=2019&to=2019");

        var download = await browser.Page.RunAndWaitForDownloadAsync(() => browser.Page.ClickAsync("text=部署別集計 Excel (XLSX)"));
        var (name, api) = await ExportAsync(Summary(ExportFormat.Xlsx));

        Assert.Equal(name, download.SuggestedFilename);
        Assert.Equal(SheetNames(api), SheetNames(await File.ReadAllBytesAsync((await download.PathAsync())!)));
        Assert.Contains("報告情報", SheetNames(api));
    }

    [Fact]
    public async Task OverdueActualsCsvOfTheOverviewIsTheReportingServicesExportByteForByte()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "viewer");
        await browser.GoAsync("?from=2019&to=2019");

        var download = await browser.Page.RunAndWaitForDownloadAsync(() => browser.Page.ClickAsync("text=報告期限超過 CSV"));
        var file = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var (name, api) = await ExportAsync(new ExportReportRequest
        { Format = ExportFormat.Csv, OverdueActuals = new OverdueActualsRequest { MunicipalityCode = WebFixture.Komoro } });

        Assert.Equal(name, download.SuggestedFilename);
        Assert.Equal(api, file);
        Assert.Contains("期限超過の実績", System.Text.Encoding.UTF8.GetString(file));
    }

    private async Task<(string Name, byte[] Data)> ExportAsync(ExportReportRequest request)
    {
        using var call = web.Reporting.ExportReport(request);
        var data = new MemoryStream();
        var name = "";
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            if (name.Length == 0) name = chunk.FileName;
            chunk.Data.WriteTo(data);
        }
        return (name, data.ToArray());
    }

    private static List<string> SheetNames(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value!)
            .ToList();
    }
}
