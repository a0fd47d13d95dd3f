using Kyodo.Reporting.V1;

namespace Kyodo.Web.Tests;

/// <summary>The pages show the reporting API's figures, and the documents' own.</summary>
[Collection(WebCollection.Name)]
public sealed class FiguresTests(WebFixture web)
{
    [Fact]
    public async Task KomoroFiscal2019SummaryShowsThePlanningDivisionsCostOf73644ThousandYenAndEveryFigureOfTheApi()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "viewer");
        await browser.GoAsync("?from=2019&to=2019");
        var api = (await web.Reporting.GetDepartmentSummaryAsync(new DepartmentSummaryRequest
        {
            MunicipalityCode = WebFixture.Komoro, FiscalYearFrom = 2019, FiscalYearTo = 2019,
        })).Tables.Single();

        // Seed 000 prints 事業費 7,320 + … for FY2019: the planning division's four sheets sum to 73,644千円.
        var planning = api.Rows.Single(r => r.Cells[0].Text == "企画課");
        Assert.Equal("73,644", ApiFigures.Printed(planning.Cells[ApiFigures.Column(api, "事業費")], ColumnKind.ThousandYen));
        var row = browser.Page.Locator("#department-summary tbody tr", new() { HasText = "企画課" });
        Assert.Equal("73,644", (await row.Locator("td[data-column='事業費']").InnerTextAsync()).Trim());

        var pageRows = await browser.Page.Locator("#department-summary tbody tr").AllAsync();
        Assert.Equal(api.Rows.Count, pageRows.Count);
        for (var r = 0; r < api.Rows.Count; r++)
        {
            var cells = await pageRows[r].Locator("th, td").AllInnerTextsAsync();
            for (var c = 0; c < api.Columns.Count; c++)
                Assert.Equal(ApiFigures.Printed(api.Rows[r].Cells[c], api.Columns[c].Kind), cells[c].Trim());
        }
        Assert.Contains("千円未満を四捨五入", await browser.Page.Locator("#department-summary caption").InnerTextAsync());
        Assert.Contains("FY2019 (令和元年度)", await browser.Page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task YamaguchiPlanShowsTheScheduleOfAll47ItemsAsTheApiGivesIt()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Yamaguchi, "viewer");
        await browser.GoAsync($"plans/{web.YamaguchiPlan.Id}");
        var api = (await web.Reporting.GetScheduleTableAsync(new PlanReportRequest
        {
            MunicipalityCode = WebFixture.Yamaguchi, PlanId = web.YamaguchiPlan.Id,
        })).Tables.Single();
        Assert.Equal(47, api.Rows.Select(r => r.Cells[0].Text).Where(t => t.Length > 0).Distinct().Count());

        var pageRows = await browser.Page.Locator("#schedule tbody tr").AllAsync();
        Assert.Equal(api.Rows.Count, pageRows.Count);
        for (var r = 0; r < api.Rows.Count; r++)
        {
            var cells = await pageRows[r].Locator("th, td").AllInnerTextsAsync();
            Assert.Equal(api.Rows[r].Cells.Select(c => c.Text), cells.Select(c => c.Trim()));
        }
        Assert.Contains("47 事業", await browser.Page.Locator("#schedule caption").InnerTextAsync());
    }

    [Fact]
    public async Task PlanTreeTotalIsTheApisDepartmentSummaryOfThePlanOverItsPeriod()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "viewer");
        await browser.GoAsync($"plans/{web.KomoroPlan.Id}");
        var api = (await web.Reporting.GetDepartmentSummaryAsync(new DepartmentSummaryRequest
        {
            MunicipalityCode = WebFixture.Komoro, PlanId = web.KomoroPlan.Id,
            FiscalYearFrom = web.KomoroPlan.StartFiscalYear, FiscalYearTo = web.KomoroPlan.EndFiscalYear,
        })).Tables.Single();
        // The summary's last row is its total (合計), the departments' rows added up.
        var apiTotal = api.Rows[^1];
        Assert.Equal("合計", apiTotal.Cells[0].Text);
        long Total(string column) => apiTotal.Cells[ApiFigures.Column(api, column)].Integer;
        Assert.Equal(api.Rows.SkipLast(1).Sum(r => r.Cells[ApiFigures.Column(api, "事業費")].Integer), Total("事業費"));

        var total = await browser.Page.Locator("#plan-tree tr.plan-total td").AllInnerTextsAsync();
        Assert.Equal(Total("事業数").ToString("#,0"), total[0].Trim());
        Assert.Equal(decimal.Round(Total("事業費") / 1000m, MidpointRounding.AwayFromZero).ToString("#,0"), total[1].Trim());
        // The four sheets of seed 000 sit under 政策 6 → 施策 6-1.
        var measure = browser.Page.Locator("#plan-tree tbody tr", new() { HasText = "6-1" });
        Assert.Equal("4", (await measure.Locator("td").First.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task PlanTreeNodeCostAndAchievementAreThePlanStructuresRowOfThatNode()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "viewer");
        await browser.GoAsync($"plans/{web.KomoroPlan.Id}");
        var api = (await web.Reporting.GetPlanStructureAsync(new PlanStructureRequest
        {
            MunicipalityCode = WebFixture.Komoro, PlanId = web.KomoroPlan.Id,
        })).Tables.Single(t => t.Name == "ノード別");
        var row = api.Rows.Single(r => r.Cells[ApiFigures.Column(api, "コード")].Text == "6-1");
        long Value(string column) => row.Cells[ApiFigures.Column(api, column)].Integer;

        var cells = await browser.Page.Locator("#plan-tree tbody tr", new() { HasText = "6-1" }).Locator("td").AllInnerTextsAsync();
        // Seed 000's four sheets of the planning division are 6-1's: 73,644千円 in FY2019 alone.
        Assert.True(Value("事業費") >= 73_643_500, $"6-1's cost {Value("事業費")}");
        Assert.Equal(decimal.Round(Value("事業費") / 1000m, MidpointRounding.AwayFromZero).ToString("#,0"), cells[1].Trim());
        Assert.Equal($"{Value("指標:達成")}／{Value("指標:順調")}／{Value("指標:遅れ")}／{Value("指標:実績なし")}", cells[2].Trim());
        Assert.DoesNotContain("集計待ち", await browser.Page.Locator("#plan-tree").InnerTextAsync());
    }

    [Fact]
    public async Task ItemPageShowsTheProgramSheetOfTheApi()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "viewer");
        await browser.GoAsync($"items/{web.KomoroSheetItem.Id}");
        var sheet = await web.Reporting.GetProgramSheetAsync(
            new ProgramSheetRequest { MunicipalityCode = WebFixture.Komoro, ItemId = web.KomoroSheetItem.Id });
        foreach (var table in sheet.Tables)
        {
            var pageRows = await browser.Page.Locator($"[id='sheet-{table.Name}'] tbody tr").AllAsync();
            Assert.Equal(table.Rows.Count, pageRows.Count);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var cells = await pageRows[r].Locator("th, td").AllInnerTextsAsync();
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var cell = table.Rows[r].Cells[c];
                    if (cell.ValueCase is Cell.ValueOneofCase.Number or Cell.ValueOneofCase.None
                        || table.Columns[c].Kind == ColumnKind.Percent) continue;
                    Assert.Equal(ApiFigures.Printed(cell, table.Columns[c].Kind).ReplaceLineEndings(" ").Trim(),
                        cells[c].ReplaceLineEndings(" ").Trim());
                }
            }
        }
        Assert.Contains("市民活動支援事業", await browser.Page.Locator("#sheet-事務事業").InnerTextAsync());
    }
}
