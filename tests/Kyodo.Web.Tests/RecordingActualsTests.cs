using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.Web.Tests;

/// <summary>
/// Editors record an indicator's actual from the item page with the same RPC and rules as the API
/// (RecordActual, the item's version as read, the caller's department); viewers only read.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RecordingActualsTests(WebFixture web)
{
    private Indicator Indicator => web.KomoroSheetItem.Indicators[0];

    [Fact]
    public async Task ViewerIsOfferedNoWayToRecordAnActual()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "viewer");
        var response = await browser.GoAsync($"items/{web.KomoroSheetItem.Id}");

        Assert.Equal(200, response.Status);
        Assert.Equal(0, await browser.Page.Locator("form[data-enhance], #actual-value, button:has-text('記録する')").CountAsync());
        Assert.Equal(0, await browser.Page.GetByText("実績の記録").CountAsync());
    }

    [Fact]
    public async Task EditorOfAnotherDepartmentIsRefusedByTheServiceAndNothingIsRecorded()
    {
        var other = (await web.Plans.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = WebFixture.Komoro, Name = "総務課（テスト）" })).Department;
        var before = await ActualsAsync();
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "editor", other.Name, "suzuki");
        await browser.GoAsync($"items/{web.KomoroSheetItem.Id}");

        var answer = await SubmitAsync(browser, web.KomoroPlan.EndFiscalYear, "987654");

        Assert.Equal(403, answer.Status);
        Assert.Contains("権限がありません", await browser.Page.Locator(".refusal").InnerTextAsync());
        Assert.Equal(before, await ActualsAsync());
    }

    [Fact]
    public async Task ValueThatIsNotANumberIsRefusedWithTheServicesReasonAndNothingIsRecorded()
    {
        var before = await ActualsAsync();
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "editor", "企画課", "sato");
        await browser.GoAsync($"items/{web.KomoroSheetItem.Id}");

        var answer = await SubmitAsync(browser, web.KomoroPlan.EndFiscalYear, "たくさん");

        Assert.Equal(400, answer.Status);
        Assert.Contains("たくさん", await browser.Page.Locator(".refusal").InnerTextAsync());
        Assert.Equal(before, await ActualsAsync());
    }

    [Fact]
    public async Task EditorOfTheLeadDepartmentSubmitsAnActualThatTheSheetShowsOnceAnAdminApprovesIt()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "editor", "企画課", "tanaka");
        await browser.GoAsync($"items/{web.KomoroSheetItem.Id}");
        var year = web.KomoroPlan.EndFiscalYear;

        var answer = await SubmitAsync(browser, year, "4321");

        Assert.Equal(200, answer.Status);
        Assert.Contains("提出しました", await browser.Page.Locator(".done").InnerTextAsync());
        var item = (await web.Plans.GetItemAsync(new GetItemRequest { Id = web.KomoroSheetItem.Id })).Item;
        var entry = item.Indicators.Single(i => i.Id == Indicator.Id).ActualEntries.Single(e => e.FiscalYear == year);
        Assert.Equal(("4321", "tanaka", ReviewStatus.Submitted), (entry.Value, entry.EnteredBy, entry.Review.Status));

        // Until approved, the sheet shows it apart (未承認の実績, 承認待ち), not as the year's actual; the history names the step in Japanese.
        await Eventually.TrueAsync(async () => (await web.Reporting.GetProgramSheetAsync(new ProgramSheetRequest
        {
            MunicipalityCode = WebFixture.Komoro, ItemId = web.KomoroSheetItem.Id,
        })).Tables.Any(
            t => t.Name == "未承認の実績" && t.Rows.Any(r => r.Cells.Any(c => c.ValueCase == Cell.ValueOneofCase.Integer && c.Integer == 4321))));
        await browser.GoAsync($"items/{web.KomoroSheetItem.Id}");
        var pending = await browser.Page.Locator("[id='sheet-未承認の実績']").InnerTextAsync();
        Assert.Contains("4,321", pending);
        Assert.Contains("承認待ち", pending);
        Assert.DoesNotContain("4,321", await browser.Page.Locator("[id='sheet-指標']").InnerTextAsync());
        var history = await browser.Page.Locator("#history").InnerTextAsync();
        Assert.Contains("実績の提出", history);
        Assert.DoesNotContain("actual_submitted", history);

        // An admin (the system, not the editor who entered it) approves it: it becomes the official actual.
        await web.Plans.ApproveActualAsync(
            new ApproveActualRequest { IndicatorId = Indicator.Id, FiscalYear = year.ToString(), ItemVersion = item.Version });
        var official = (await web.Plans.GetItemAsync(new GetItemRequest { Id = web.KomoroSheetItem.Id })).Item.Indicators.Single(
            i => i.Id == Indicator.Id).Actuals.Single(a => a.FiscalYear == year);
        Assert.Equal("4321", official.Value);

        // Reporting learns of it from the event; then the page's sheet shows it.
        await Eventually.TrueAsync(async () => (await web.Reporting.GetProgramSheetAsync(new ProgramSheetRequest
        {
            MunicipalityCode = WebFixture.Komoro, ItemId = web.KomoroSheetItem.Id,
        })).Tables.Any(
            t => t.Name == "指標" && t.Rows.Any(r => r.Cells.Any(c => c.ValueCase == Cell.ValueOneofCase.Integer && c.Integer == 4321))));
        await browser.GoAsync($"items/{web.KomoroSheetItem.Id}");
        Assert.Contains("4,321", await browser.Page.Locator("[id='sheet-指標']").InnerTextAsync());
    }

    [Fact]
    public async Task AFormTheBrowserSendsAgainAfterItsAnswerWasLostIsRecordedOnceAndAnsweredAsTheFirstTime()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "editor", "企画課", "yamada");
        await browser.GoAsync($"items/{web.KomoroSheetItem.Id}");
        var year = web.KomoroPlan.StartFiscalYear;
        var first = await SubmitAsync(browser, year, "2468");
        Assert.Equal(200, first.Status);
        var recorded = (await web.Plans.GetItemAsync(new GetItemRequest { Id = web.KomoroSheetItem.Id })).Item;

        // The same post again, as a browser resends a form whose answer never came: same request_id, the item's version as first read.
        var again = await browser.Page.APIRequest.PostAsync(first.Request.Url, new()
        {
            DataString = first.Request.PostData,
            Headers = new Dictionary<string, string> { ["content-type"] = first.Request.Headers["content-type"] },
        });

        Assert.Equal(200, again.Status);
        Assert.Contains("提出しました", await again.TextAsync());
        var now = (await web.Plans.GetItemAsync(new GetItemRequest { Id = web.KomoroSheetItem.Id })).Item;
        Assert.Equal(recorded.Version, now.Version); // nothing was written the second time
        var entry = now.Indicators.Single(i => i.Id == Indicator.Id).ActualEntries.Single(e => e.FiscalYear == year);
        Assert.Equal(("2468", "yamada"), (entry.Value, entry.EnteredBy));
    }

    private async Task<Microsoft.Playwright.IResponse> SubmitAsync(BrowserSession browser, int year, string value)
    {
        await browser.Page.SelectOptionAsync("#actual-indicator", Indicator.Id);
        await browser.Page.SelectOptionAsync("#actual-year", year.ToString());
        await browser.Page.FillAsync("#actual-value", value);
        var answer = await browser.Page.RunAndWaitForResponseAsync(
            () => browser.Page.ClickAsync("button:has-text('記録する')"),
            r => r.Request.Method == "POST" && r.Url.Contains("/items/"));
        await browser.Page.WaitForLoadStateAsync();
        return answer;
    }

    private async Task<string> ActualsAsync()
    {
        var item = (await web.Plans.GetItemAsync(new GetItemRequest { Id = web.KomoroSheetItem.Id })).Item;
        return string.Join("; ",
            item.Indicators.SelectMany(i => i.Actuals.Select(a => $"{i.Id}/{a.FiscalYear}={a.Value} by {a.RecordedBy}")));
    }
}

/// <summary>Waits for what eventual consistency promises, bounded.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not true within {seconds} s");
            await Task.Delay(200);
        }
    }
}
