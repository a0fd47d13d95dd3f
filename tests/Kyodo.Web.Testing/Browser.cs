using Microsoft.Playwright;

namespace Kyodo.Web.Testing;

/// <summary>
/// Debian's chromium (scripts/browser-tools.sh installs it; KYODO_CHROMIUM names another),
/// started headless by Playwright through its ExecutablePath: Playwright's own browser download is
/// never used. The flags keep it off the network it cannot reach here (background services,
/// component updates, sync) and from sandboxing as root; each start has a fresh profile folder.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("KYODO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    public IBrowserContext Context { get; }

    private Browser(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    /// <summary>A browser with one context (its own cookies): one signed-in user.</summary>
    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"{ExecutablePath} not found: run scripts/browser-tools.sh (as root) to install Debian's chromium");
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("kyodo-chromium-").FullName;
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage"],
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
                Locale = "ja-JP",
                TimezoneId = "Asia/Tokyo",
                AcceptDownloads = true,
            });
            context.SetDefaultTimeout(15_000);
            context.SetDefaultNavigationTimeout(30_000);
            return new Browser(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { /* chromium may still be writing; a temp folder */ }
    }
}
