namespace Kyodo.Web.Tests;

/// <summary>Another municipality's record answers exactly like a missing one, on pages and exports.</summary>
[Collection(WebCollection.Name)]
public sealed class TenancyTests(WebFixture web)
{
    [Fact]
    public async Task AnotherMunicipalitysItemPlanAndExportAnswerLikeMissingOnes()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Komoro, "admin");
        var missing = Guid.NewGuid();
        foreach (var (foreign, absent) in new[]
        {
            ($"items/{web.YamaguchiItem.Id}", $"items/{missing}"),
            ($"plans/{web.YamaguchiPlan.Id}", $"plans/{missing}"),
            ($"export/program-sheet?item={web.YamaguchiItem.Id}&format=csv", $"export/program-sheet?item={missing}&format=csv"),
        })
        {
            var foreignAnswer = await browser.Page.APIRequest.GetAsync(new Uri(web.App, foreign).ToString());
            var absentAnswer = await browser.Page.APIRequest.GetAsync(new Uri(web.App, absent).ToString());

            Assert.Equal(404, foreignAnswer.Status);
            Assert.Contains("見つかりません", await foreignAnswer.TextAsync());
            Assert.Equal(absentAnswer.Status, foreignAnswer.Status);
            Assert.Equal(PageContent(await absentAnswer.TextAsync()), PageContent(await foreignAnswer.TextAsync()));
        }
    }

    // A page's own content (the rest names the address asked for, in its skip link); an export's whole text.
    private static string PageContent(string body) =>
        System.Text.RegularExpressions.Regex.Match(body, "<main[^>]*>(.*)</main>",
            System.Text.RegularExpressions.RegexOptions.Singleline) is { Success: true } m
            ? m.Groups[1].Value : body;
}
