using System.Text.RegularExpressions;
using Kyodo.Testing;

namespace Kyodo.Cli.Tests;

/// <summary>
/// kyodo against a gateway with a tiny per-caller rate limit (Gateway:RateLimit, as an operator
/// would set it): a throttled import waits out the limiter and stores exactly what an unthrottled
/// import stores; with retries limited it stops with EX_UNAVAILABLE (69) and names the limit.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class ThrottledImportTests(KyodoSystem system)
{
    private static Dictionary<string, string?> Limit(int perSecond, int burst) => new()
    {
        ["Gateway:RateLimit:RequestsPerSecond"] = perSecond.ToString(), ["Gateway:RateLimit:Burst"] = burst.ToString(),
    };

    [Fact]
    public async Task AThrottledImportCompletes_AndStoresWhatTheUnthrottledImportStores()
    {
        // The sample through the ordinary gateway (idempotent, so other tests having done it is fine) …
        var plain = await system.RunAsync("import", SampleDocument.Path);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.DoesNotContain("throttled", plain.Error);

        // … and a copy of it in another city through a gateway allowing 3 calls a second.
        const string municipality = "99071";
        using var folder = new TempFolder();
        var copy = SampleDocument.Copy(folder, municipality);
        await using var narrow = await system.StartGatewayAsync(Limit(3, 3));
        var throttled = await KyodoSystem.RunThroughAsync(narrow, ["import", copy]);
        Assert.True(throttled.ExitCode == 0, throttled.ToString());
        Assert.Contains("throttled by the gateway: rate limit of 3 requests per second (burst 3) exceeded", throttled.Error);
        Assert.Contains("waiting", throttled.Error);
        Assert.Contains("plans: 1 created", throttled.Out);

        // The same records with the same history lengths (a revision or actual sent twice would
        // lengthen one), and an export that says what the file says.
        Assert.Equal(Shape(await HeldState.OfAsync(system, SampleDocument.Municipality)),
            Shape(await HeldState.OfAsync(system, municipality)));
        var dataset = RoundTrip.Read(copy);
        await RoundTrip.AssertExportEqualsAsync(system, dataset[0], dataset);
    }

    [Fact]
    public async Task WithRetriesOffAThrottledImportExits69_NamesTheLimit_AndStoresNothing()
    {
        const string municipality = "99072";
        await using var narrow = await system.StartGatewayAsync(Limit(1, 1));
        using var folder = new TempFolder();
        var run = await KyodoSystem.RunThroughAsync(narrow, ["import", SampleDocument.Copy(folder, municipality), "--max-attempts", "1"]);
        Assert.True(run.ExitCode == 69, run.ToString()); // EX_UNAVAILABLE
        Assert.Contains("ResourceExhausted: rate limit of 1 requests per second (burst 1) exceeded", run.Error);
        Assert.Contains("--max-attempts 1 used up", run.Error);
        Assert.DoesNotContain("waiting", run.Error);
        Assert.Empty(await HeldState.OfAsync(system, municipality));
    }

    [Fact]
    public async Task AMaxWaitShorterThanThePushbackFromTheEnvironmentGivesUpAt69()
    {
        await using var narrow = await system.StartGatewayAsync(Limit(1, 1));
        var environment = new Dictionary<string, string> { ["KYODO_MAX_WAIT"] = "0.2" };
        using var folder = new TempFolder();
        var run = await KyodoSystem.RunThroughAsync(narrow, ["import", SampleDocument.Copy(folder, "99073")], environment);
        Assert.True(run.ExitCode == 69, run.ToString());
        Assert.Contains("would pass --max-wait 0.2 s", run.Error);
        Assert.Contains("rate limit of 1 requests per second", run.Error);
        Assert.Empty(await HeldState.OfAsync(system, "99073"));
    }

    [Fact]
    public async Task AMaxAttemptsThatIsNotANumberIsAUsageError()
    {
        var run = await system.RunAsync("export", "--municipality", "99001", "--max-attempts", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-attempts", run.Error);
    }

    /// <summary>
    /// The held state without what differs between any two imports (ids, times, and versions, which
    /// are PostgreSQL row versions, i.e. transaction numbers): which records there are, and each
    /// item's history length, which a target revision or actual sent twice would lengthen.
    /// </summary>
    private static List<string> Shape(List<string> state) =>
        state.Select(s => Volatile().Replace(s, "_")).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\{[^}]*\}|""[^""]*""|\bv\d+|courses [\d,]*")]
    private static partial Regex Volatile();
}
