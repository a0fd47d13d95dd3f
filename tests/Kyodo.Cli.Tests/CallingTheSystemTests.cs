using Kyodo.Testing;

namespace Kyodo.Cli.Tests;

/// <summary>How the command authenticates and reaches any report, against the running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class CallingTheSystemTests(KyodoSystem system)
{
    private string Gateway => system.Gateway.GrpcAddress.ToString();

    [Fact]
    public async Task WithoutATokenTheCommandMintsOneFromTheLocalAuthSettings()
    {
        var environment = new Dictionary<string, string>
        {
            ["Auth__Issuer"] = TestAuth.Issuer, ["Auth__Audience"] = TestAuth.Audience, ["Auth__SigningKey"] = TestAuth.SigningKey,
            ["KYODO_GATEWAY"] = Gateway,
        };
        var run = await CliRun.RunAsync(["report", "department-summary", "--municipality", "20208", "--fiscal-year", "2019"], environment);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task ATokenFromKyodoTokenIsSent_AndAViewerOfAnotherCityIsRefused()
    {
        var otherCity = new Dictionary<string, string> { ["KYODO_TOKEN"] = TestAuth.UserToken("35203", "viewer"), ["KYODO_GATEWAY"] = Gateway };
        var refused = await CliRun.RunAsync(["report", "department-summary", "--municipality", "20208", "--fiscal-year", "2019"], otherCity);
        Assert.Equal(77, refused.ExitCode); // EX_NOPERM
        Assert.Contains("PermissionDenied", refused.Error);

        var ownCity = new Dictionary<string, string> { ["KYODO_TOKEN"] = TestAuth.UserToken("20208", "viewer"), ["KYODO_GATEWAY"] = Gateway };
        var allowed = await CliRun.RunAsync(["report", "department-summary", "--municipality", "20208", "--fiscal-year", "2019"], ownCity);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
    }

    [Fact]
    public async Task NoTokenAtAllIsRefusedAsUnauthenticated()
    {
        var run = await CliRun.RunAsync(["report", "department-summary", "--municipality", "20208", "--gateway", Gateway]);
        Assert.Equal(77, run.ExitCode); // EX_NOPERM
        Assert.Contains("Unauthenticated", run.Error);
    }

    [Fact]
    public async Task AnyReportRunsByItsProtoName_UedaPriorityGoalsByDepartmentName()
    {
        Assert.Equal(0, (await system.RunAsync("import", SeedDataset.Folder)).ExitCode);
        CliRun? run = null;
        for (var attempt = 0; attempt < 120; attempt++)
        {
            run = await system.RunAsync("report", "priority-goal-list", "--municipality", "20203", "--department", "市民参加協働部・上田地域自治C");
            if (run.ExitCode == 0 && run.Out.Contains("地域内分権確立に向けた地域の自治の推進")) return; // 002, 平成29年度 goal 1
            await Task.Delay(250);
        }
        Assert.Fail(run!.ToString());
    }

    [Fact]
    public async Task AReportIsSavedAsXlsx()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kyodo-{Guid.NewGuid():N}.xlsx");
        var run = await system.RunAsync("report", "department-summary", "--municipality", "20208", "--fiscal-year", "2019", "--out", file);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("PK"u8.ToArray(), File.ReadAllBytes(file)[..2]); // a zip package, as XLSX is
        Assert.False(File.Exists(file + ".part"));
    }
}
