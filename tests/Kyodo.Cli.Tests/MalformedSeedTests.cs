namespace Kyodo.Cli.Tests;

/// <summary>
/// A malformed document is refused whole: exit code 65, every problem named with its file and
/// line, and nothing of it reaches any service.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class MalformedSeedTests(KyodoSystem system)
{
    [Fact]
    public async Task AMissingRequiredFieldIsReportedAtItsLineAndNothingIsImported()
    {
        // The plan's name line removed: the problem is on the plan's first line (its "- id:"), one above.
        var (file, line) = SampleDocument.Broken("    name: テスト市 実施計画\n", "", "99011");
        await AssertRefusedAsync(file, "99011", $"{file}:{line - 1}:", "plans[0].name: is required");
    }

    [Fact]
    public async Task AnUnknownBudgetStageIsReportedAtItsLineAndNothingIsImported()
    {
        var (file, line) = SampleDocument.Broken("stage: initial", "stage: 中間", "99012");
        await AssertRefusedAsync(file, "99012", $"{file}:{line}:", "unknown value '中間'");
    }

    [Fact]
    public async Task ACostThatIsNotTheSumOfItsSourcesIsReportedAtItsLineAndNothingIsImported()
    {
        var (file, line) = SampleDocument.Broken("cost: \"1,200千円\"", "cost: \"1,300千円\"", "99013");
        await AssertRefusedAsync(file, "99013", $"{file}:{line}:", "is not the sum of its sources");
    }

    [Fact]
    public async Task ANegativeAmountIsReportedAtItsLineAndNothingIsImported()
    {
        var (file, line) = SampleDocument.Broken("national_prefectural: \"500千円\"", "national_prefectural: \"-500千円\"", "99014");
        await AssertRefusedAsync(file, "99014", $"{file}:{line}:", "negative");
    }

    [Fact]
    public async Task AYamlAnchorIsRefusedAtItsLine()
    {
        var (file, line) = SampleDocument.Broken("period: { start: 平成31年度, end: 令和3年度 }", "period: &p { start: 平成31年度, end: 令和3年度 }", "99016");
        await AssertRefusedAsync(file, "99016", $"{file}:{line}:", "anchor &p");
    }

    [Fact]
    public async Task EveryProblemOfAFileIsReportedInOneRun()
    {
        var (file, _) = SampleDocument.Broken("stage: initial", "stage: 中間", "99015");
        File.WriteAllText(file, File.ReadAllText(file).Replace("kind: activity", "kind: activityy").Replace("cost: \"1,200千円\"", "cost: \"1,300千円\""));
        var run = await system.RunAsync("import", file);
        Assert.Equal(65, run.ExitCode);
        Assert.Contains("3 problems", run.Error);
    }

    private async Task AssertRefusedAsync(string file, string municipality, string location, string message)
    {
        var run = await system.RunAsync("import", file);
        Assert.True(run.ExitCode == 65, run.ToString());
        var reported = run.Error.Split('\n').Where(l => l.StartsWith(file, StringComparison.Ordinal)).ToList();
        Assert.Contains(reported, l => l.StartsWith(location, StringComparison.Ordinal) && l.Contains(message));
        Assert.Contains("nothing was imported", run.Error);
        Assert.Empty(await HeldState.OfAsync(system, municipality));
    }
}
