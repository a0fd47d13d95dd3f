using Kyodo.Testing;

namespace Kyodo.Cli.Tests;

/// <summary>A refused token exits EX_NOPERM (77) and says how to get one, whatever is wrong with it.</summary>
[Collection(SystemCollection.Name)]
public sealed class TokenRefusalTests(KyodoSystem system)
{
    [Fact]
    public async Task AnExpiredTokenExits77_AndSaysHowToGetOne()
    {
        var run = await CliRun.RunAsync(["report", "department-summary", "--municipality", "20208", "--fiscal-year", "2019",
            "--gateway", system.Gateway.GrpcAddress.ToString(), "--token", TestAuth.BadTokens()["expired"]!]);
        Assert.True(run.ExitCode == 77, run.ToString());
        Assert.Contains("Unauthenticated", run.Error);
        Assert.Contains("kyodo token", run.Error);
        Assert.Contains("./dev token", run.Error);
        Assert.DoesNotContain("waiting", run.Error); // a refusal is not tried again
    }

    [Fact]
    public async Task AnImportWithAViewersTokenExits77BeforeWritingAnything()
    {
        var environment = new Dictionary<string, string>
        {
            ["KYODO_TOKEN"] = TestAuth.UserToken("99074", "viewer"), ["KYODO_GATEWAY"] = system.Gateway.GrpcAddress.ToString(),
        };
        using var folder = new TempFolder();
        var run = await CliRun.RunAsync(["import", SampleDocument.Copy(folder, "99074")], environment);
        Assert.True(run.ExitCode == 77, run.ToString());
        Assert.Contains("PermissionDenied", run.Error);
        Assert.Empty(await HeldState.OfAsync(system, "99074"));
    }
}
