using Kyodo.Reporting.Rebuild;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Kyodo.Reporting.Tests;

/// <summary>The rebuild command's arguments, settings, token and failures; what it rebuilds is tested end to end
/// (Kyodo.EndToEnd.Tests).</summary>
public sealed class RebuildCommandTests(ReportingServiceFixture reporting) : IClassFixture<ReportingServiceFixture>
{
    [Theory]
    [InlineData("rebuild", "--municipality", "2020")]
    [InlineData("rebuild", "--municipality", "２０２０８")]
    [InlineData("rebuild", "--all")]
    [InlineData("rebuild", "--municipality")]
    public async Task BadArgumentsExitWithTwoBeforeCallingAnything(params string[] args)
    {
        // Nothing listens on these addresses: a call would fail with 1, not 2.
        await using var app = ReportingApp.Create([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Reporting"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none",
            ["Services:Plan"] = "http://127.0.0.1:1", ["Services:Budget"] = "http://127.0.0.1:1",
            ["Services:Subsidy"] = "http://127.0.0.1:1",
        }));

        Assert.True(RebuildCommand.Matches(args));
        Assert.Equal(2, await RebuildCommand.RunAsync(app, args));
    }

    /// <summary>
    /// The reporting app as the command gets it, with these services' addresses and settings, on a
    /// real reporting database (which the rebuild reads before it calls any service) or on <paramref name="database"/>.
    /// </summary>
    private WebApplication App(Uri plan, Uri budget, Uri subsidy, string? callTimeout, string? database = null) =>
        ReportingApp.Create([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["ConnectionStrings:Reporting"] = database ?? reporting.Database.ConnectionString,
            ["Services:Plan"] = plan.ToString(), ["Services:Budget"] = budget.ToString(), ["Services:Subsidy"] = subsidy.ToString(),
            ["Rebuild:CallTimeout"] = callTimeout,
        }));

    [Fact]
    public async Task AServiceThatNeverAnswersEndsTheRebuildWithOneAndAMessageNamingIt()
    {
        await using var hung = new SilentBackend();
        using var closed = new ClosedPort();
        await using var app = App(hung.Address, closed.Url, closed.Url, "00:00:01");
        var (output, errors) = (new StringWriter(), new StringWriter());

        // The test's own bound, far above the call timeout: without a deadline the rebuild would wait for ever.
        var exit = await RebuildCommand.RunAsync(app, ["rebuild", "--municipality", "20208"], output, errors, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, exit);
        Assert.Equal(
            $"rebuild: the plan service (Services:Plan = {hung.Address}) did not answer ListDepartments within 00:00:01 "
            + $"(Rebuild:CallTimeout)",
            errors.ToString().Trim());
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task ARebuildStoppedWhileAServiceHangsEndsWithOneAtOnceInsteadOfWaitingForTheCallTimeout()
    {
        await using var hung = new SilentBackend();
        using var closed = new ClosedPort();
        await using var app = App(hung.Address, closed.Url, closed.Url, "00:59:00");
        var errors = new StringWriter();
        using var stop = new CancellationTokenSource(); // what Ctrl+C and SIGTERM cancel

        var run = RebuildCommand.RunAsync(app, ["rebuild", "--municipality", "20208"], TextWriter.Null, errors, stop.Token);
        await hung.Connected.WaitAsync(TimeSpan.FromMinutes(1));
        await stop.CancelAsync();

        Assert.Equal(1, await run.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.StartsWith("rebuild: stopped before it finished", errors.ToString());
    }

    [Fact]
    public async Task AReportingDatabaseNobodyAnswersOnEndsTheRebuildWithOneAndOneLineNamingIt()
    {
        await using var hung = new SilentBackend();
        using var closed = new ClosedPort();
        await using var app = App(hung.Address, hung.Address, hung.Address, "00:00:05",
            $"Host=127.0.0.1;Port={closed.Port};Database=kyodo_reporting;Username=kyodo;Password=not-shown;Timeout=5");
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await RebuildCommand.RunAsync(app, ["rebuild", "--municipality", "20208"], output, errors, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, exit);
        var message = Assert.Single(errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(
            $"rebuild: the reporting database (ConnectionStrings:Reporting = 127.0.0.1:{closed.Port}/kyodo_reporting) failed: ", message);
        Assert.Contains($"Failed to connect to 127.0.0.1:{closed.Port}", message);
        Assert.DoesNotContain("not-shown", message);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task TheRebuildsCallsCarryItsTokenWithoutAddingItToTheHeadersTheCallerPassed()
    {
        await using var hung = new SilentBackend();
        using var sources = new RebuildSources(hung.Address, hung.Address, hung.Address, "the-rebuilds-token", TimeSpan.FromSeconds(1));
        var headers = new global::Grpc.Core.Metadata { { "x-kyodo-actor", "tanaka" } };

        await Assert.ThrowsAsync<RebuildSourceException>(
            () => sources.Plan.ListPlansAsync(new Kyodo.Plan.V1.ListPlansRequest(), headers).ResponseAsync);
        await Assert.ThrowsAsync<RebuildSourceException>(
            () => sources.Plan.ListPlansAsync(new Kyodo.Plan.V1.ListPlansRequest(), headers).ResponseAsync);

        Assert.Equal([("x-kyodo-actor", "tanaka")], headers.Select(h => (h.Key, h.Value)));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("00:00:00")]
    [InlineData("-00:00:05")]
    [InlineData("2.00:00:00")]
    public async Task ACallTimeoutThatIsNoSensibleTimeSpanExitsWithTwoBeforeCallingAnything(string callTimeout)
    {
        using var closed = new ClosedPort();
        await using var app = App(closed.Url, closed.Url, closed.Url, callTimeout);
        var errors = new StringWriter();

        Assert.Equal(2, await RebuildCommand.RunAsync(app, ["rebuild"], TextWriter.Null, errors, CancellationToken.None));
        Assert.Contains($"Rebuild:CallTimeout must be a time span above 0 and at most 01:00:00 (e.g. 00:00:30), not '{callTimeout}'",
            errors.ToString());
    }

    [Fact]
    public void AConfiguredTokenIsUsedAsIsAndOtherwiseOneIsMintedForASystemReaderOfEveryMunicipality()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Rebuild:BearerToken"] = "from-the-identity-provider",
        }).Build();
        Assert.Equal("from-the-identity-provider", RebuildToken.From(configured, TimeSpan.FromMinutes(5)));

        var local = new ConfigurationBuilder().AddInMemoryCollection(TestAuth.Settings).Build();
        var token = new JsonWebToken(RebuildToken.From(local, TimeSpan.FromMinutes(5)));
        Assert.Equal((TestAuth.Issuer, TestAuth.Audience), (token.Issuer, token.Audiences.Single()));
        Assert.Equal([KyodoRoles.System], token.Claims.Where(c => c.Type == KyodoClaims.Role).Select(c => c.Value));
        Assert.Equal($"{KyodoScopes.Read} {KyodoScopes.AllMunicipalities}", token.GetClaim(KyodoClaims.Scope).Value);
        Assert.False(token.TryGetClaim(KyodoClaims.Municipality, out _));
        Assert.InRange(token.ValidTo - token.ValidFrom, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

        // neither: the command warns and calls without
        Assert.Null(RebuildToken.From(new ConfigurationBuilder().Build(), TimeSpan.FromMinutes(5)));
    }
}
