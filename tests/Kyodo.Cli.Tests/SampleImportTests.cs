using Kyodo.Subsidy.V1;

namespace Kyodo.Cli.Tests;

/// <summary>
/// The importer on the test project's sample document: import, export round trip, a second
/// import that changes nothing, and reports that show the document's own figures. Each test
/// imports first; import is idempotent, so the order of the tests does not matter.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SampleImportTests(KyodoSystem system)
{
    private async Task ImportAsync()
    {
        var run = await system.RunAsync("import", SampleDocument.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task TheSampleImportsAndExportsBackToTheSameData()
    {
        await ImportAsync();
        var dataset = RoundTrip.Read(SampleDocument.Path);
        await RoundTrip.AssertExportEqualsAsync(system, dataset[0], dataset);
    }

    [Fact]
    public async Task ASecondImportChangesNothingStored()
    {
        await ImportAsync();
        var before = await HeldState.OfAsync(system, SampleDocument.Municipality);
        var again = await system.RunAsync("import", SampleDocument.Path);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("plans: 0 created", again.Out);
        Assert.Contains("budget lines: 0 created, 0 revised", again.Out);
        Assert.Contains("subsidy programs: 0 imported", again.Out);
        Assert.Equal(before, await HeldState.OfAsync(system, SampleDocument.Municipality));
    }

    [Fact]
    public async Task AnExportNamesTheMunicipalityAsThePlanServiceHoldsItNotByItsCode()
    {
        await ImportAsync();
        using var folder = new TempFolder();
        var file = folder.File("export.yaml");

        var run = await system.RunAsync("export", "--municipality", SampleDocument.Municipality, "--out", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        var exported = RoundTrip.Read(file).Single().Municipality;
        Assert.Equal((SampleDocument.Municipality, "テスト市"), (exported.Code, exported.Name)); // as the sample's header names it
    }

    [Fact]
    public async Task TheTargetRevisionAndTheNotedActualKeepTheirHistory()
    {
        await ImportAsync();
        var export = await system.RunAsync("export", "--municipality", SampleDocument.Municipality, "--plan", "テスト市 実施計画");
        // The document's revision 8 → 6 with its reason, and the note of the FY2020 actual.
        Assert.Contains("previous_value: \"8\"", export.Out);
        Assert.Contains("活動指標修正：実績に合わせる", export.Out);
        Assert.Contains("感染症の影響", export.Out);
    }

    [Fact]
    public async Task TheSubsidyFiguresAreRecordedAsThePrintedCounts_Fy2020Challenge2Of3()
    {
        await ImportAsync();
        var subsidies = new SubsidyService.SubsidyServiceClient(HeldState.Invoker(system));
        var rows = (await subsidies.GetStatisticsAsync(
            new GetStatisticsRequest { MunicipalityCode = SampleDocument.Municipality, FiscalYear = 2020 })).Rows;
        var challenge = rows.Single(r => r.CourseName == "チャレンジ");
        Assert.Equal((2, 3, 266_000L), (challenge.Awards, challenge.Applications, challenge.AwardedYen));
    }

    [Fact]
    public async Task TheDepartmentSummaryOfFy2019ShowsTheSheetsCostAndTheSixAwardsOf1100000Yen()
    {
        await ImportAsync();
        var row = await Reports.RowAsync(system,
            ["department-summary", "--municipality", SampleDocument.Municipality, "--fiscal-year", "令和元年度"], "企画課", r => r["交付決定数"] == "6");
        Assert.Equal("1,500", row["事業費"]);           // 1,500千円, shown in 千円
        Assert.Equal("6", row["交付決定数"]);            // チャレンジ 4 + ステップアップ 2
        Assert.Equal("1,100,000", row["交付決定額"]);     // 800,000 + 300,000
    }

    [Fact]
    public async Task AReportIsSavedAsCsvWithABomForExcel()
    {
        await ImportAsync();
        using var folder = new TempFolder();
        var file = folder.File("department-summary.csv");
        var run = await system.RunAsync("report", "department-summary", "--municipality", SampleDocument.Municipality, "--fiscal-year",
            "2019", "--out", file);
        Assert.True(run.ExitCode == 0, run.ToString());
        var bytes = File.ReadAllBytes(file);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Contains("企画課", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task AScheduleWordTheSystemDoesNotKnowIsKeptAsWritten_AndRoundTrips()
    {
        // DOMAIN.md: the schedule vocabulary is open; only budget stages are a closed list.
        const string municipality = "99031";
        using var folder = new TempFolder();
        var (file, _) = SampleDocument.Broken(folder, "text: 検討・実施", "text: 検討・様子見", municipality);
        var run = await system.RunAsync("import", file);
        Assert.True(run.ExitCode == 0, run.ToString());

        var plans = new Kyodo.Plan.V1.PlanService.PlanServiceClient(HeldState.Invoker(system));
        var item = (await plans.ListItemsAsync(new() { MunicipalityCode = municipality })).Items.Single();
        Assert.Equal(["検討", "様子見"], item.Schedule.Single().Cells.Single(c => c.FiscalYear == 2019).Stages);
        var export = await system.RunAsync("export", "--municipality", municipality, "--plan", "テスト市 実施計画");
        Assert.Contains("text: 検討・様子見", export.Out);
        var dataset = RoundTrip.Read(file);
        await RoundTrip.AssertExportEqualsAsync(system, dataset[0], dataset);
    }

    [Fact]
    public async Task TheNotesAndWhereApplicationsWereNotPrintedComeBackInTheExport()
    {
        await ImportAsync();
        var export = await system.RunAsync("export", "--municipality", SampleDocument.Municipality, "--program", "テスト市 市民活動促進事業補助金");
        Assert.True(export.ExitCode == 0, export.ToString());
        var results = export.Out[export.Out.IndexOf("results:", StringComparison.Ordinal)..];
        // FY2019 printed counts only (チャレンジ 4件): no applications come back; FY2020 チャレンジ printed 2件(3).
        Assert.Equal(1, results.Split("applications:").Length - 1);
        Assert.Contains("applications: 3", results);
        Assert.Contains("note: 縮小開催", results);
        Assert.Contains("note: total of the year", results);
    }

    [Fact]
    public async Task ARowPrintingZeroApplicationsComesBackWithThemAndARowPrintingNoneWithout()
    {
        // 令和3年度: チャレンジ 0件(0) prints its applications, ステップアップ 0件 does not.
        const string municipality = "99032";
        using var folder = new TempFolder();
        var (file, _) = SampleDocument.Broken(folder, "      - { fiscal_year: 令和2年度, awards: 3,",
            "      - { fiscal_year: 令和3年度, course: チャレンジ, applications: 0, awards: 0 }\n"
            + "      - { fiscal_year: 令和3年度, course: ステップアップ, awards: 0 }\n"
            + "      - { fiscal_year: 令和2年度, awards: 3,", municipality);
        var run = await system.RunAsync("import", file);
        Assert.True(run.ExitCode == 0, run.ToString());

        var export = await system.RunAsync("export", "--municipality", municipality, "--program", "テスト市 市民活動促進事業補助金");
        Assert.True(export.ExitCode == 0, export.ToString());
        var results = export.Out[export.Out.IndexOf("results:", StringComparison.Ordinal)..];
        Assert.True(results.Split("applications: 0").Length == 2, export.Out); // チャレンジ's, not ステップアップ's
        var dataset = RoundTrip.Read(file);
        await RoundTrip.AssertExportEqualsAsync(system, dataset[0], dataset);
    }
}
