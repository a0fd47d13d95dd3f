namespace Kyodo.Web.Tests;

/// <summary>The development sign-in: where it sends visitors, what it refuses, and that every page says it is in use.</summary>
[Collection(WebCollection.Name)]
public sealed class SignInTests(WebFixture web)
{
    [Fact]
    public async Task VisitorWithoutASessionIsSentToSignInAndComesBackToThePageAsked()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.GoAsync("plans");

        Assert.Contains("/app/signin", browser.Page.Url);
        Assert.Contains("開発用サインイン", await browser.Page.Locator("h1").InnerTextAsync());

        await browser.Page.SelectOptionAsync("#signin-municipality", WebFixture.Komoro);
        await browser.Page.ClickAsync("text=部署を読み込む");
        await browser.Page.SelectOptionAsync("#signin-role", "viewer");
        await browser.Page.ClickAsync("form[action='signin/dev'] button[type=submit]");

        Assert.EndsWith("/app/plans", new Uri(browser.Page.Url).AbsolutePath);
        Assert.Contains("開発用サインイン中", await browser.Page.Locator(".dev-banner").InnerTextAsync());
        Assert.Contains("小諸市", await browser.Page.Locator(".who").InnerTextAsync());
    }

    [Fact]
    public async Task DevelopmentSignInRefusesARoleItDoesNotOfferAndStartsNoSession()
    {
        await using var browser = await BrowserSession.OpenAsync(web);
        await browser.GoAsync($"signin?municipality={WebFixture.Komoro}");
        // A crafted form: the page offers viewer, editor and admin only.
        await browser.Page.EvalOnSelectorAsync("#signin-role", "s => { s.add(new Option('system', 'system')); s.value = 'system'; }");

        var answer = await browser.Page.RunAndWaitForResponseAsync(
            () => browser.Page.ClickAsync("form[action='signin/dev'] button[type=submit]"),
            r => r.Url.Contains("/signin/dev"));

        Assert.Equal(400, answer.Status);
        Assert.Contains("role", await answer.TextAsync());
        Assert.DoesNotContain(await browser.Page.Context.CookiesAsync(), c => c.Name == "kyodo_web");
    }
}
