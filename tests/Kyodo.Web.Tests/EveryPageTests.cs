namespace Kyodo.Web.Tests;

/// <summary>
/// Every page of the app, as the user it is for: it answers, draws its charts, writes no console
/// error, loads nothing from outside the deployment, and axe-core finds no serious or critical
/// violation. A screenshot of each is saved (artifacts/web-screenshots).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class EveryPageTests(WebFixture web)
{
    private sealed record Visit(string Municipality, string? Role, string? Department, Func<WebFixture, string> Path, int Status = 200);

    private static readonly Dictionary<string, Visit> Visits = new()
    {
        ["overview-komoro-fy2019"] = new(WebFixture.Komoro, "viewer", null, _ => "?from=2019&to=2019"),
        ["overview-yamaguchi"] = new(WebFixture.Yamaguchi, "viewer", null, _ => ""),
        ["plans-komoro"] = new(WebFixture.Komoro, "viewer", null, _ => "plans"),
        ["plan-yamaguchi"] = new(WebFixture.Yamaguchi, "viewer", null, w => $"plans/{w.YamaguchiPlan.Id}"),
        ["plan-komoro"] = new(WebFixture.Komoro, "viewer", null, w => $"plans/{w.KomoroPlan.Id}"),
        ["item-komoro-sheet-editor"] = new(WebFixture.Komoro, "editor", "企画課", w => $"items/{w.KomoroSheetItem.Id}"),
        ["item-yamaguchi"] = new(WebFixture.Yamaguchi, "viewer", null, w => $"items/{w.YamaguchiItem.Id}"),
        ["subsidies-komoro"] = new(WebFixture.Komoro, "viewer", null, _ => "subsidies"),
        ["subsidy-program-komoro"] = new(WebFixture.Komoro, "viewer", null, w => $"subsidies/{w.KomoroProgram.Id}"),
        ["application-komoro"] = new(WebFixture.Komoro, "viewer", null, w => $"subsidies/applications/{w.KomoroApplication.Id}"),
        ["trends-komoro-indicator"] =
            new(WebFixture.Komoro, "viewer", null, w => $"trends?subject=indicator:{w.KomoroSheetItem.Indicators[0].Id}"),
        ["trends-komoro-cost"] = new(WebFixture.Komoro, "viewer", null, w => $"trends?subject=item:{w.KomoroSheetItem.Id}"),
        ["trends-komoro-program"] = new(WebFixture.Komoro, "viewer", null, w => $"trends?subject=program:{w.KomoroProgram.Id}"),
        ["signin-development"] = new(WebFixture.Komoro, null, null, _ => $"signin?municipality={WebFixture.Komoro}"),
        ["not-found"] = new(WebFixture.Komoro, "viewer", null, _ => $"items/{Guid.NewGuid()}", Status: 404),
    };

    public static TheoryData<string> Pages => new(Visits.Keys);

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PageLoadsWithoutErrorsOrOutsideRequestsAndPassesAxe(string name)
    {
        var visit = Visits[name];
        await using var browser = visit.Role is null
            ? await BrowserSession.OpenAsync(web)
            : await BrowserSession.SignedInAsync(web, visit.Municipality, visit.Role, visit.Department);

        var response = await browser.GoAsync(visit.Path(web));
        Assert.Equal(visit.Status, response.Status);
        await browser.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('.chart')].every(c => c.querySelector('svg'))");
        await browser.ScreenshotAsync(name);

        // A 404 document is reported by chromium itself as a failed resource; nothing else may be.
        var faults = browser.Faults.Where(f => !(visit.Status == 404 && f.Contains("status of 404"))).ToList();
        Assert.True(faults.Count == 0, string.Join("\n", faults));
        var violations = await browser.SeriousAccessibilityViolationsAsync();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.Equal("ja", await browser.Page.GetAttributeAsync("html", "lang"));
    }
}
