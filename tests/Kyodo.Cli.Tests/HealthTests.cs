using Kyodo.Testing;

namespace Kyodo.Cli.Tests;

/// <summary>
/// `kyodo health` asks grpc.health.v1.Health through the gateway (no token needed) for the
/// gateway and each service, then tries the token: a service counts as ready only when it says
/// SERVING, never because something answered a refusal.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class HealthTests(KyodoSystem system)
{
    private static readonly string[] Services = ["gateway", "plan", "budget", "subsidy", "reporting"];

    /// <summary>A ready line's verdict and detail: ready, then the health status SERVING exactly and the time it took.</summary>
    private const string Serving = @"^ready\s+SERVING, \d+ ms$";

    private static Dictionary<string, string> Lines(CliRun run) =>
        run.Out.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("gateway http", StringComparison.Ordinal))
            .ToDictionary(l => l.Split(' ')[0], l => l[(l.IndexOf(' ') + 1)..].Trim());

    [Fact]
    public async Task WhenEveryServiceServesAndTheTokenIsAcceptedHealthExits0()
    {
        var run = await system.RunAsync("health");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = Lines(run);
        foreach (var service in Services) Assert.Matches(Serving, lines[service]);
        Assert.Equal("accepted", lines["token"]);
    }

    [Theory]
    [InlineData("forged signature")]
    [InlineData("expired")]
    public async Task AWrongTokenIsRefusedWhileEachServiceStillShowsItsOwnHealthAndExits77(string wrong)
    {
        var run =
            await CliRun.RunAsync(["health", "--gateway", system.Gateway.GrpcAddress.ToString(), "--token", TestAuth.BadTokens()[wrong]!]);
        Assert.True(run.ExitCode == 77, run.ToString()); // EX_NOPERM: everything ready, but the token will not do
        var lines = Lines(run);
        // What each service said, SERVING exactly (not NOT_SERVING), not a refusal of the token.
        foreach (var service in Services) Assert.Matches(Serving, lines[service]);
        Assert.StartsWith("refused: ", lines["token"]);
    }

    [Fact]
    public async Task ABackendThatIsDownShowsNotReadyAndExits69_EvenWithAWrongToken()
    {
        using var nowhere = new ClosedPort();
        await using var gateway = await system.StartGatewayAsync(
            new Dictionary<string, string?> { ["Services:Budget"] = $"http://127.0.0.1:{nowhere.Port}" }, waitUntilReady: false);

        var run = await KyodoSystem.RunThroughAsync(gateway, ["health"]);
        Assert.True(run.ExitCode == 69, run.ToString()); // EX_UNAVAILABLE
        var lines = Lines(run);
        Assert.StartsWith("NOT READY", lines["budget"]);
        Assert.Contains("NOT_SERVING", lines["budget"]);
        foreach (var service in new[] { "gateway", "plan", "subsidy", "reporting" }) Assert.StartsWith("ready", lines[service]);
        Assert.Equal("accepted", lines["token"]);

        var wrongToken = await CliRun.RunAsync(
            ["health", "--gateway", gateway.GrpcAddress.ToString(), "--token", TestAuth.BadTokens()["forged signature"]!]);
        Assert.True(wrongToken.ExitCode == 69, wrongToken.ToString()); // not ready outranks the token
        Assert.StartsWith("NOT READY", Lines(wrongToken)["budget"]);
    }
}
