using System.Diagnostics;
using Kyodo.Security;
using Kyodo.Testing;
using Kyodo.Web.Testing;
using Microsoft.Playwright;

namespace Kyodo.Web.Benchmarks;

internal static class Options
{
    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}

internal static class Load
{
    /// <summary>The 1-minute load average: figures measured while others build are noisy.</summary>
    public static string Average => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}

internal static class TokenFor
{
    public static string Viewer(string municipality) => TestAuth.UserToken(municipality, KyodoRoles.Viewer);
}

internal static class Timing
{
    public const string Header = "what                                    p50 ms   p95 ms   max ms";

    public static async Task<List<double>> RunAsync(int count, Func<Task> call)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    public static string Row(string what, List<double> times) =>
        $"{what,-38} {Percentile(times, 50),7:0.0}  {Percentile(times, 95),7:0.0}  {times.Max(),7:0.0}";

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}

/// <summary>One cold load of a page: a new chromium with an empty profile, signed in, then the page.</summary>
internal sealed record ColdLoad(double FirstContentfulPaintMs, double LoadMs, long TransferredBytes, int Requests)
{
    public static async Task<ColdLoad> MeasureAsync(Uri app, Uri page, string municipality)
    {
        await using var browser = await Browser.LaunchAsync();
        var tab = browser.Context.Pages.FirstOrDefault() ?? await browser.Context.NewPageAsync();
        await DevelopmentSignIn.SignInAsync(tab, app, municipality, "viewer", null, "bench");
        // The sign-in page loaded the stylesheet already: clear the cache so the page loads cold.
        var cdp = await browser.Context.NewCDPSessionAsync(tab);
        await cdp.SendAsync("Network.clearBrowserCache");
        await tab.GotoAsync(page.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var figures = await tab.EvaluateAsync<double[]>("""
            () => {
              const nav = performance.getEntriesByType('navigation')[0];
              const fcp = performance.getEntriesByName('first-contentful-paint')[0];
              const resources = performance.getEntriesByType('resource');
              const bytes = nav.transferSize + resources.reduce((s, r) => s + r.transferSize, 0);
              return [fcp ? fcp.startTime : -1, nav.loadEventEnd, bytes, resources.length + 1];
            }
            """);
        return new ColdLoad(figures[0], figures[1], (long)figures[2], (int)figures[3]);
    }
}
