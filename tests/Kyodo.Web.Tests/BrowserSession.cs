using Deque.AxeCore.Playwright;
using Kyodo.Web.Testing;
using Microsoft.Playwright;

namespace Kyodo.Web.Tests;

/// <summary>
/// One person at one browser: a fresh chromium profile, optionally signed in, that records what
/// a page must never do (write a console error, throw, load anything from outside the app's
/// origin), and saves screenshots under artifacts/web-screenshots.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly Browser _browser;
    private readonly Uri _app;
    private readonly List<string> _faults = [];

    public IPage Page { get; }

    private BrowserSession(Browser browser, IPage page, Uri app)
    {
        _browser = browser;
        Page = page;
        _app = app;
        page.Console += (_, message) => { if (message.Type == "error") _faults.Add($"console error on {page.Url}: {message.Text}"); };
        page.PageError += (_, error) => _faults.Add($"script error on {page.Url}: {error}");
        page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" && url.GetLeftPart(UriPartial.Authority) != app.GetLeftPart(UriPartial.Authority))
                _faults.Add($"request outside the deployment from {page.Url}: {request.Url}");
        };
        page.RequestFailed += (_, request) => _faults.Add($"request failed from {page.Url}: {request.Url} {request.Failure}");
    }

    public static async Task<BrowserSession> OpenAsync(WebFixture web)
    {
        var browser = await Browser.LaunchAsync();
        try
        {
            var page = browser.Context.Pages.FirstOrDefault() ?? await browser.Context.NewPageAsync();
            return new BrowserSession(browser, page, web.App);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>A browser signed in through the development sign-in as <paramref name="role"/> of
    /// <paramref name="municipality"/>.</summary>
    public static async Task<BrowserSession> SignedInAsync(WebFixture web, string municipality, string role, string? department = null,
        string? subject = null)
    {
        var session = await OpenAsync(web);
        try
        {
            await DevelopmentSignIn.SignInAsync(session.Page, web.App, municipality, role, department, subject ?? $"{role}-{municipality}");
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a page of the app (a path relative to /app/) and returns its response.</summary>
    public async Task<IResponse> GoAsync(string path)
    {
        var response = await Page.GotoAsync(new Uri(_app, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return response ?? throw new InvalidOperationException($"no response for {path}");
    }

    /// <summary>What went wrong on the pages so far (console errors, script errors, outside or failed requests).</summary>
    public IReadOnlyList<string> Faults => _faults;

    /// <summary>axe-core's serious and critical violations on the current page, one line each.</summary>
    public async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync()
    {
        var result = await Page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
    }

    /// <summary>Saves a full-page screenshot as artifacts/web-screenshots/NAME.png.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(Artifacts.Folder("web-screenshots"), name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public ValueTask DisposeAsync() => _browser.DisposeAsync();
}

/// <summary>artifacts/ at the repository's root (git-ignored): what CI keeps of a run.</summary>
public static class Artifacts
{
    public static string Folder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kyodo.sln")))
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "artifacts", name)).FullName;
        }
        throw new InvalidOperationException("Kyodo.sln not found above " + AppContext.BaseDirectory);
    }
}
