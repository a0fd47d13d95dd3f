using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.Cli.Tests;

/// <summary>What the command does before it calls anyone: usage, exit codes, tokens.</summary>
public sealed class CommandLineTests
{
    private static readonly Dictionary<string, string> LocalAuth = new()
    {
        ["Auth__Issuer"] = TestAuth.Issuer, ["Auth__Audience"] = TestAuth.Audience, ["Auth__SigningKey"] = TestAuth.SigningKey,
    };

    [Fact]
    public async Task NoCommandOrAnUnknownOneIsAUsageErrorWithExitCode2()
    {
        Assert.Equal(2, (await CliRun.RunAsync([])).ExitCode);
        var unknown = await CliRun.RunAsync(["frobnicate"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown command 'frobnicate'", unknown.Error);
    }

    [Fact]
    public async Task AnUnknownOptionIsAUsageError()
    {
        var run = await CliRun.RunAsync(["import", "somewhere", "--dryrun"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--dryrun", run.Error);
    }

    [Fact]
    public async Task TokenMintsAJwtTheServicesAcceptFromTheLocalAuthSettings()
    {
        var run = await CliRun.RunAsync(
            ["token", "--municipality", "20208", "--role", "editor", "--subject", "tanaka", "--departments", "d1,d2"], LocalAuth);
        Assert.Equal(0, run.ExitCode);

        // Validated exactly as the services validate (issuer, audience, lifetime, signature).
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var result = await handler.ValidateTokenAsync(run.Out.Trim(), TokenValidation.Parameters(TestAuth.Options));
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("tanaka", result.Claims[KyodoClaims.Subject]);
        Assert.Equal("20208", result.Claims[KyodoClaims.Municipality]);
    }

    [Fact]
    public async Task APrefectureTokenCarriesItsPrefectureAndNoMunicipality()
    {
        var run = await CliRun.RunAsync(["token", "--prefecture", "20", "--role", "prefecture"], LocalAuth);
        Assert.Equal(0, run.ExitCode);

        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var result = await handler.ValidateTokenAsync(run.Out.Trim(), TokenValidation.Parameters(TestAuth.Options));
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("20", result.Claims[KyodoClaims.Prefecture]);
        Assert.Equal("prefecture@20", result.Claims[KyodoClaims.Subject]);
        Assert.False(result.Claims.ContainsKey(KyodoClaims.Municipality));
    }

    [Theory]
    [InlineData("--prefecture 48 --role prefecture", "--prefecture must be a prefecture code")]
    [InlineData("--prefecture 00 --role prefecture", "--prefecture must be a prefecture code")]
    [InlineData("--prefecture 2 --role prefecture", "--prefecture must be a prefecture code")]
    [InlineData("--role prefecture", "--prefecture must be a prefecture code")]
    [InlineData("--prefecture 20 --role prefecture --municipality 20208", "--municipality is not for the role prefecture")]
    [InlineData("--prefecture 20 --role editor --municipality 20208", "--prefecture is for the role prefecture only")]
    public async Task APrefectureTokenWithAWrongOrMissingCodeIsAUsageErrorNamingIt(string arguments, string expected)
    {
        var run = await CliRun.RunAsync(["token", .. arguments.Split(' ')], LocalAuth);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Equal("", run.Out.Trim());
    }

    [Fact]
    public async Task TokenWithoutALocalKeyIsAUsageError()
    {
        var run = await CliRun.RunAsync(["token", "--municipality", "20208", "--role", "editor"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Auth__SigningKey", run.Error);
    }

    [Fact]
    public async Task TokenWithABadRoleIsAUsageError()
    {
        var run = await CliRun.RunAsync(["token", "--municipality", "20208", "--role", "mayor"], LocalAuth);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task HealthOfAGatewayNobodyListensOnIsServiceUnavailable69()
    {
        using var noGateway = new ClosedPort();
        var run = await CliRun.RunAsync(["health", "--gateway", $"http://127.0.0.1:{noGateway.Port}", "--token", "x"]);
        Assert.Equal(69, run.ExitCode);
        Assert.Contains("NOT READY", run.Out);
    }

    [Fact]
    public async Task ReportWithoutANameListsEveryReportOfTheReportingProto()
    {
        var run = await CliRun.RunAsync(["report"]);
        Assert.Equal(0, run.ExitCode);
        // Every choice of ExportReportRequest.report, read from the proto descriptor.
        foreach (var field in Kyodo.Reporting.V1.ExportReportRequest.Descriptor.Oneofs.Single(o => o.Name == "report").Fields)
            Assert.Contains(field.Name.Replace('_', '-'), run.Out);
    }
}
