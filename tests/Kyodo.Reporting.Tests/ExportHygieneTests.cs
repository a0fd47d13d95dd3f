using System.Text;
using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.V1;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// Exports obey no text they carry: what a spreadsheet would run as a formula is neutralised in CSV
/// (numbers stay numbers), and text XML cannot hold — stored before the services checked input,
/// here published straight to reporting as such an old event — never breaks an XLSX.
/// </summary>
public sealed class ExportHygieneTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private static readonly DateTimeOffset At = new(2019, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    private static readonly string[] HostileTitles =
        ["=1+2", "+1+2", "-2+3", "@SUM(1,1)", "=HYPERLINK(\"http://example.invalid\",\"詳細\")", "\t=1+2", "\r=1+2"];

    private async Task<(Guid Plan, Guid Department)> PublishAsync(string municipality, IEnumerable<string> titles,
        string department = "-企画課")
    {
        var planId = Guid.NewGuid();
        var departmentId = Guid.NewGuid();
        var events = new List<IIntegrationEvent>
        {
            new PlanCreated(Guid.NewGuid(), At, municipality, planId, "=協働推進プラン", 2019, 2021, 1),
            new DepartmentChanged(Guid.NewGuid(), At, municipality, departmentId, department, 1, false),
        };
        var node = Guid.NewGuid();
        var i = 0;
        foreach (var title in titles)
        {
            i++;
            var itemId = Guid.NewGuid();
            events.Add(new ItemCreated(Guid.NewGuid(), At, municipality, new ItemSnapshot(itemId, planId, 1, title, "New",
                [new DepartmentInCharge(departmentId, department)], ["行政"], ["Citizens"], "", "", "", "", "", "", null, null, "None", [],
                    [], "",
                [new PlacementSnapshot(node, $"{i}", true, $"6-1-{i}")], [new ScheduleCellSnapshot(1, "", 2019, ["検討"])], [])));
            events.Add(new BudgetLineCreated(Guid.NewGuid(), At, municipality, new BudgetLineSnapshot(Guid.NewGuid(), itemId, title,
                departmentId, department, 2019, "一般会計/2 総務費", "Initial", 0, new FundingAmounts(7_320_000, 0, 0, 347_000, 6_973_000), 1)));
        }
        await fixture.PublishAndWaitAsync([.. events]);
        return (planId, departmentId);
    }

    private static string Csv(byte[] data) => Encoding.UTF8.GetString(data[3..]);

    [Fact]
    public async Task ACsvTextCellThatWouldRunAsAFormulaIsNeutralisedAndQuotedWhileNumbersStayNumbers()
    {
        var (planId, _) = await PublishAsync("35401", HostileTitles);

        var list = Csv((await fixture.DownloadAsync(new ExportReportRequest
        {
            Format = ExportFormat.Csv, PlanItemList = new PlanReportRequest { MunicipalityCode = "35401", PlanId = planId.ToString() },
        })).Data);
        var summary = Csv((await fixture.DownloadAsync(new ExportReportRequest
        {
            Format = ExportFormat.Csv,
            DepartmentSummary = new DepartmentSummaryRequest { MunicipalityCode = "35401", FiscalYearFrom = 2019 },
        })).Data);

        Assert.StartsWith("\"'=協働推進プラン", list);
        string[] neutralised =
        [
            "6-1-1,\"'=1+2\",", "6-1-2,\"'+1+2\",", "6-1-3,\"'-2+3\",", "6-1-4,\"'@SUM(1,1)\",",
            "6-1-5,\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"詳細\"\")\",", "6-1-6,\"'\t=1+2\",", "6-1-7,\"'\r=1+2\",",
        ];
        Assert.All(neutralised, cell => Assert.Contains(cell, list));
        var department = summary.Split('\n').Single(l => l.Contains("企画課", StringComparison.Ordinal)).Split(',');
        Assert.Equal("\"'-企画課\"", department[0]);
        Assert.Equal(("7", "51240"), (department[1], department[3])); // 事業数 and 事業費 in 千円: plain numbers
    }

    [Fact]
    public async Task AnXlsxExportOfTextHoldingControlCharactersSucceedsShowingThemAsReplacementCharacters()
    {
        var (planId, _) = await PublishAsync("35402", ["制御\u0001文字", "改行\n可", "非文字\uFFFF"], department: "企画\u001B課");

        var xlsx = await fixture.DownloadAsync(new ExportReportRequest
        {
            Format = ExportFormat.Xlsx, PlanItemList = new PlanReportRequest { MunicipalityCode = "35402", PlanId = planId.ToString() },
        });
        var schedule = await fixture.DownloadAsync(new ExportReportRequest
        {
            Format = ExportFormat.Xlsx, ScheduleTable = new PlanReportRequest { MunicipalityCode = "35402", PlanId = planId.ToString() },
        });

        using var list = new Workbook(xlsx.Data);
        var rows = list.Sheet(list.SheetNames[0]);
        Assert.Equal(["制御\uFFFD文字", "改行\n可", "非文字\uFFFD"], rows.Skip(1).Select(r => r[1].Value));
        Assert.All(rows.Skip(1), r => Assert.Equal("企画\uFFFD課", r[2].Value));
        using var table = new Workbook(schedule.Data);
        Assert.Equal(["制御\uFFFD文字", "改行\n可", "非文字\uFFFD"], table.Sheet(table.SheetNames[0]).Skip(1).Select(r => r[1].Value));
    }
}
