using Kyodo.Reporting.V1;
using Xunit.Abstractions;

namespace Kyodo.Cli.Tests;

/// <summary>
/// Reports on the imported seed dataset show the documents' own figures. The commands the README
/// shows are run here and printed (dotnet test --logger "console;verbosity=detailed").
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SeedReportTests(KyodoSystem system, ITestOutputHelper output)
{
    private ReportingService.ReportingServiceClient Reporting => new(HeldState.Invoker(system));

    private async Task ImportAsync() => Assert.Equal(0, (await system.RunAsync("import", SeedDataset.Folder)).ExitCode);

    /// <summary>Waits until reporting has caught up with the import: <paramref name="ready"/> holds for the overview.</summary>
    private async Task WaitForAsync(string municipality, Func<GetMunicipalityOverviewResponse, bool> ready)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (ready(await Reporting.GetMunicipalityOverviewAsync(new GetMunicipalityOverviewRequest { MunicipalityCode = municipality }))) return;
            await Task.Delay(250);
        }
        Assert.Fail($"reporting did not catch up for {municipality}");
    }

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
        var table = (await Reporting.GetScheduleTableAsync(new PlanReportRequest { MunicipalityCode = "35203", PlanId = plan.Id })).Tables[0];
        var columns = table.Columns.Select(c => c.Name).ToList();
        string Cell(Row row, string yearColumn) => row.Cells[columns.FindIndex(c => c.StartsWith(yearColumn, StringComparison.Ordinal))].Text;
        var first = table.Rows.First(r => r.Cells[0].Text == "Ⅰ-(1)-①");
        // 003, I-(1)-① 地域交流センターの設置: H20 検討, H21 実施・完了予定.
        Assert.Equal(("検討", "実施・完了予定"), (Cell(first, "FY2008"), Cell(first, "FY2009")));
        var second = table.Rows.First(r => r.Cells[0].Text == "Ⅰ-(1)-②");
        // I-(1)-② 市民活動の拠点機能の充実・強化: 検討, →, 一部実施, 実施, →.
        Assert.Equal(["検討", "→", "一部実施", "実施", "→"], new[] { "FY2008", "FY2009", "FY2010", "FY2011", "FY2012" }.Select(y => Cell(second, y)));
        Assert.Equal(47, table.Rows.Select(r => r.Cells[1].Text).Distinct().Count());
    }
}
