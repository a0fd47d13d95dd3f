using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Kyodo.Testing;

namespace Kyodo.Cli.Tests;

/// <summary>How the command authenticates and reaches any report, against the running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class CallingTheSystemTests(KyodoSystem system)
{
    private string Gateway => system.Gateway.GrpcAddress.ToString();

    [Fact]
    public async Task WithoutATokenTheCommandMintsOneFromTheLocalAuthSettings()
    {
        var environment = new Dictionary<string, string>
        {
            ["Auth__Issuer"] = TestAuth.Issuer, ["Auth__Audience"] = TestAuth.Audience, ["Auth__SigningKey"] = TestAuth.SigningKey,
            ["KYODO_GATEWAY"] = Gateway,
        };
        var run = await CliRun.RunAsync(["report", "department-summary", "--municipality", "20208", "--fiscal-year", "2019"], environment);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task ATokenFromKyodoTokenIsSent_AndAViewerOfAnotherCityIsRefused()
    {
        var otherCity =
            new Dictionary<string, string> { ["KYODO_TOKEN"] = TestAuth.UserToken("35203", "viewer"), ["KYODO_GATEWAY"] = Gateway };
        var refused =
            await CliRun.RunAsync(["report", "department-summary", "--municipality", "20208", "--fiscal-year", "2019"], otherCity);
        Assert.Equal(77, refused.ExitCode); // EX_NOPERM
        Assert.Contains("PermissionDenied", refused.Error);

        var ownCity =
            new Dictionary<string, string> { ["KYODO_TOKEN"] = TestAuth.UserToken("20208", "viewer"), ["KYODO_GATEWAY"] = Gateway };
        var allowed = await CliRun.RunAsync(["report", "department-summary", "--municipality", "20208", "--fiscal-year", "2019"], ownCity);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
    }

    [Fact]
    public async Task NoTokenAtAllIsRefusedAsUnauthenticated()
    {
        var run = await CliRun.RunAsync(["report", "department-summary", "--municipality", "20208", "--gateway", Gateway]);
        Assert.Equal(77, run.ExitCode); // EX_NOPERM
        Assert.Contains("Unauthenticated", run.Error);
    }

    [Fact]
    public async Task AnyReportRunsByItsProtoName_UedaPriorityGoalsByDepartmentName()
    {
        Assert.Equal(0, (await system.RunAsync("import", SeedDataset.Folder)).ExitCode);
        CliRun? run = null;
        for (var attempt = 0; attempt < 120; attempt++)
        {
            run = await system.RunAsync("report", "priority-goal-list", "--municipality", "20203", "--department", "市民参加協働部・上田地域自治C");
            if (run.ExitCode == 0 && run.Out.Contains("地域内分権確立に向けた地域の自治の推進")) return; // 002, 平成29年度 goal 1
            await Task.Delay(250);
        }
        Assert.Fail(run!.ToString());
    }

    [Fact]
    public async Task AReportSavedAsXlsxReadsBackWithTheSeedFigure_Komoro2019Cost73644ThousandYen()
    {
        Assert.Equal(0, (await system.RunAsync("import", SeedDataset.Folder)).ExitCode);
        string[] args = ["department-summary", "--municipality", "20208", "--fiscal-year", "2019"];
        await Reports.RowAsync(system, args, "企画課", r => r["事業費"] == "73,644"); // reporting has caught up
        using var folder = new TempFolder();
        var file = folder.File("department-summary.xlsx");
        var run = await system.RunAsync(["report", .. args, "--out", file]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(File.Exists(file + ".part"));

        using var workbook = SpreadsheetDocument.Open(file, false);
        var part = workbook.WorkbookPart!;
        var sheets = part.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["部署別集計", "報告情報"], sheets.Select(s => s.Name?.Value)); // the table, then what it is and how fresh
        var sheet = sheets[0];
        var rows = ((WorksheetPart)part.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>().ToList();
        static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
        var header = rows[0].Elements<Cell>().Select(Text).ToList();
        var planning = rows.Single(r => Text(r.Elements<Cell>().First()) == "企画課").Elements<Cell>().ToList();
        // 000, 平成31年度 事業費 of the four 企画課 sheets: 574 + 33,916 + 7,320 + 31,834 千円, stored in yen
        // and shown in 千円 by the cell's number format.
        var cost = planning[header.IndexOf("事業費（千円・四捨五入）")];
        Assert.Equal("73644000", cost.CellValue?.Text);
        var styles = part.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cost.StyleIndex!.Value);
        Assert.Equal("#,##0,", styles.NumberingFormats!.Elements<NumberingFormat>()
            .Single(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value);
    }
}
