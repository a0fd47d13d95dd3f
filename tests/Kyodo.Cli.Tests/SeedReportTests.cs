using Kyodo.Reporting.V1;
using Xunit.Abstractions;

namespace Kyodo.Cli.Tests;

/// <summary>
/// Reports on the imported seed dataset show the documents' own figures. The commands README.md and docs/examples.md
/// show are run here and printed (dotnet test --logger "console;verbosity=detailed").
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SeedReportTests(KyodoSystem system, ITestOutputHelper output)
{
    private ReportingService.ReportingServiceClient Reporting => new(HeldState.Invoker(system));

    private async Task ImportAsync() => Assert.Equal(0, (await system.RunAsync("import", SeedDataset.Folder)).ExitCode);

    /// <summary>Waits until reporting has caught up with the import: <paramref name="ready"/> holds for the overview.</summary>
    private Task WaitForAsync(string municipality, Func<GetMunicipalityOverviewResponse, bool> ready) =>
        Eventually.AsAsync(
            async () =>
                await Reporting.GetMunicipalityOverviewAsync(new GetMunicipalityOverviewRequest { MunicipalityCode = municipality }),
            ready, overview => overview.ToString());

    [Fact]
    public async Task YamaguchiScheduleTableHasThe47ItemsOf52ListingsAndPrintsTheirYears()
    {
        await ImportAsync();
        // 003 prints 52 推進項目 listings; 5 are 【再掲】 of items listed before: 47 items.
        await WaitForAsync("35203", o => o.ItemCount == 47);
        var cli = await system.RunAsync("report", "schedule-table", "--municipality", "35203", "--plan", "山口市協働推進プラン");
        output.WriteLine(cli.Out);
        Assert.True(cli.ExitCode == 0, cli.ToString());

        var plans = new Kyodo.Plan.V1.PlanService.PlanServiceClient(HeldState.Invoker(system));
        var plan = (await plans.ListPlansAsync(new() { MunicipalityCode = "35203" })).Plans.Single(p => p.Name == "山口市協働推進プラン");
        var table =
            (await Reporting.GetScheduleTableAsync(new PlanReportRequest { MunicipalityCode = "35203", PlanId = plan.Id })).Tables[0];
        var columns = table.Columns.Select(c => c.Name).ToList();
        string Cell(Row row, string yearColumn) =>
            row.Cells[columns.FindIndex(c => c.StartsWith(yearColumn, StringComparison.Ordinal))].Text;
        var first = table.Rows.First(r => r.Cells[0].Text == "Ⅰ-(1)-①");
        // 003, I-(1)-① 地域交流センターの設置: H20 検討, H21 実施・完了予定.
        Assert.Equal(("検討", "実施・完了予定"), (Cell(first, "FY2008"), Cell(first, "FY2009")));
        var second = table.Rows.First(r => r.Cells[0].Text == "Ⅰ-(1)-②");
        // I-(1)-② 市民活動の拠点機能の充実・強化: 検討, →, 一部実施, 実施, →.
        Assert.Equal(["検討", "→", "一部実施", "実施", "→"],
            new[] { "FY2008", "FY2009", "FY2010", "FY2011", "FY2012" }.Select(y => Cell(second, y)));
        Assert.Equal(47, table.Rows.Select(r => r.Cells[1].Text).Distinct().Count());
    }

    [Fact]
    public async Task KomoroFy2019DepartmentSummaryShowsThe000SheetsCostOf73644ThousandYenAndThe001ChallengeAndStepUpAwards()
    {
        await ImportAsync();
        var args = new[] { "department-summary", "--municipality", "20208", "--fiscal-year", "令和元年度" };
        var row = await Reports.RowAsync(system, args, "企画課", r => r["交付決定数"] == "6" && r["事業費"] == "73,644");
        output.WriteLine((await system.RunAsync(["report", .. args])).Out);
        // 000, 平成31年度 事業費 of the four 企画課 sheets: 574 + 33,916 + 7,320 + 31,834 千円.
        Assert.Equal("73,644", row["事業費"]);
        // Their 一般財源: 574 + 33,915 + 6,973 + 31,834; その他: 1 + 347.
        Assert.Equal("73,296", row["一般財源"]);
        Assert.Equal("348", row["その他"]);
        // 001, 令和元年度: チャレンジ 4件 + ステップアップ 2件, 1,100,000 (800,000・300,000), spent from
        // 市民活動支援事業 (企画課).
        Assert.Equal("6", row["交付決定数"]);
        Assert.Equal("1,100,000", row["交付決定額"]);
    }

    [Fact]
    public async Task KomoroFy2020SubsidyStatisticsReadAsPrinted_Challenge2Of3AndStepUp1Of2()
    {
        await ImportAsync();
        var subsidies = new Kyodo.Subsidy.V1.SubsidyService.SubsidyServiceClient(HeldState.Invoker(system));
        var rows = (await subsidies.GetStatisticsAsync(new() { MunicipalityCode = "20208", FiscalYear = 2020 })).Rows;
        // 001, 令和2年度: "チャレンジ 2件(3) ステップアップ 1件(2)", 368,000 (266,000・102,000).
        Assert.Equal("チャレンジ 2件(3)", rows.Single(r => r.CourseName == "チャレンジ").Summary);
        Assert.Equal("ステップアップ 1件(2)", rows.Single(r => r.CourseName == "ステップアップ").Summary);
        Assert.Equal(368_000, rows.Sum(r => r.AwardedYen));
    }

    [Fact]
    public async Task UedaH29WagamachiAwardsAre113For45760000Yen()
    {
        await ImportAsync();
        var subsidies = new Kyodo.Subsidy.V1.SubsidyService.SubsidyServiceClient(HeldState.Invoker(system));
        var row = (await subsidies.GetStatisticsAsync(new() { MunicipalityCode = "20203", FiscalYear = 2017 })).Rows.Single();
        // 002: "年3回募集、113件採択(継続93件、新規20件) 4,576万円補助".
        Assert.Equal((113, 45_760_000L), (row.Awards, row.AwardedYen));
    }

    /// <summary>The held indicator <paramref name="name"/> of the municipality's items (there is one of that name), with its
    /// item.</summary>
    private async Task<(Kyodo.Plan.V1.Item Item, Kyodo.Plan.V1.Indicator Indicator)> IndicatorAsync(string municipality, string name)
    {
        var plans = new Kyodo.Plan.V1.PlanService.PlanServiceClient(HeldState.Invoker(system));
        var items = (await plans.ListItemsAsync(new() { MunicipalityCode = municipality, Page = new() { PageSize = 500 } })).Items;
        return items.SelectMany(i => i.Indicators.Select(x => (Item: i, Indicator: x))).Single(x => x.Indicator.Name == name);
    }

    [Fact]
    public async Task KomoroResultsTableShowsTheConsultations1720_1853_1097OfH30ToR2()
    {
        await ImportAsync();
        var (_, consultations) = await IndicatorAsync("20208", "相談数");
        var args = new[] { "results-table", "--municipality", "20208", "--indicator", consultations.Id };
        // 001, ③ぼらせん相談・マッチング件数: 相談数 平成30年度 1720, 令和元年度 1853, 令和2年度 1097.
        // A year's row shows before reporting has consumed its actual: waited for until it shows the printed figure.
        var rows = new Dictionary<string, string>();
        foreach (var (year, printed) in new[] { ("FY2018 (平成30年度)", "1,720"), ("FY2019 (令和元年度)", "1,853"), ("FY2020 (令和2年度)", "1,097") })
            rows[year] = (await Reports.RowAsync(system, args, year, r => r.GetValueOrDefault("相談数（件）") == printed))["相談数（件）"];
        output.WriteLine((await system.RunAsync(["report", .. args])).Out);
        Assert.Equal(["1,720", "1,853", "1,097"], rows.Values);
    }

    [Fact]
    public async Task KodairaTrendShowsTheWasteTarget480GramsPerPersonDayForH34_LowerIsBetter()
    {
        await ImportAsync();
        var (_, waste) = await IndicatorAsync("13211", "市民一人1日当たりごみ量");
        // 004: "480g/人日 (市民一人1日当たりごみ量 平成34年度目標値)", less is better.
        Assert.Equal(Kyodo.Plan.V1.IndicatorDirection.LowerIsBetter, waste.Direction);
        var row = await Reports.RowAsync(system, ["trend", "--municipality", "13211", "--indicator-id", waste.Id], "FY2022 (令和4年度)",
            r => r.GetValueOrDefault("目標（g/人日）") == "480");
        Assert.Equal("480", row["目標（g/人日）"]);
        Assert.Equal("", row.GetValueOrDefault("実績（g/人日）", ""));
    }

    [Fact]
    public async Task KodairaProgramSheetShowsTheVolunteerTarget2094PeopleForH32()
    {
        await ImportAsync();
        var (item, _) = await IndicatorAsync("13211", "ボランティア参加者数");
        // 004, No. 2: 成果指標 ボランティア参加者数 2,094人 (a target printed without a year: the plan's last, 平成32年度).
        // Reporting knows the item once its events are consumed (NOT_FOUND until then), and its
        // indicator's targets once those are: waited for until the sheet shows the 2,094.
        const string target = "FY2020 (令和2年度) 目標";
        static Row? Volunteers(Report? sheet) =>
            sheet?.Tables.SingleOrDefault(t => t.Name == "指標")?.Rows.SingleOrDefault(r => r.Cells[1].Text == "ボランティア参加者数");
        static int Column(Report sheet) => sheet.Tables.Single(t => t.Name == "指標").Columns.Select(c => c.Name).ToList().IndexOf(target);
        var sheet = await Eventually.AsAsync(async () =>
            {
                try
                {
                    return await Reporting.GetProgramSheetAsync(
                    new ProgramSheetRequest { MunicipalityCode = "13211", ItemId = item.Id });
                }
                catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound) { return null; }
            },
            s => Volunteers(s) is { } row && Column(s!) >= 0 && row.Cells[Column(s!)].Integer == 2094,
            s => s?.ToString() ?? "NOT_FOUND");
        var volunteers = Volunteers(sheet)!;
        Assert.Equal("人", volunteers.Cells[2].Text);
        Assert.Equal(2094, volunteers.Cells[Column(sheet!)].Integer);
    }
}
