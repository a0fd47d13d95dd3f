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
        using var folder = new TempFolder();
        var (file, line) = SampleDocument.Broken(folder, "    name: テスト市 実施計画\n", "", "99011");
        await AssertRefusedAsync(file, "99011", $"{file}:{line - 1}:", "plans[0].name: is required");
    }

    [Fact]
    public async Task AnUnknownBudgetStageIsReportedAtItsLineAndNothingIsImported()
    {
        using var folder = new TempFolder();
        var (file, line) = SampleDocument.Broken(folder, "stage: initial", "stage: 中間", "99012");
        await AssertRefusedAsync(file, "99012", $"{file}:{line}:", "unknown value '中間'");
    }

    [Fact]
    public async Task ACostThatIsNotTheSumOfItsSourcesIsReportedAtItsLineAndNothingIsImported()
    {
        using var folder = new TempFolder();
        var (file, line) = SampleDocument.Broken(folder, "cost: \"1,200千円\"", "cost: \"1,300千円\"", "99013");
        await AssertRefusedAsync(file, "99013", $"{file}:{line}:", "is not the sum of its sources");
    }

    [Fact]
    public async Task ANegativeAmountIsReportedAtItsLineAndNothingIsImported()
    {
        using var folder = new TempFolder();
        var (file, line) = SampleDocument.Broken(folder, "national_prefectural: \"500千円\"", "national_prefectural: \"-500千円\"", "99014");
        await AssertRefusedAsync(file, "99014", $"{file}:{line}:", "negative");
    }

    [Fact]
    public async Task AYamlAnchorIsRefusedAtItsLine()
    {
        using var folder = new TempFolder();
        var (file, line) =
            SampleDocument.Broken(folder, "period: { start: 平成31年度, end: 令和3年度 }", "period: &p { start: 平成31年度, end: 令和3年度 }", "99016");
        await AssertRefusedAsync(file, "99016", $"{file}:{line}:", "anchor &p");
    }

    [Fact]
    public async Task EveryProblemOfAFileIsReportedInOneRun()
    {
        using var folder = new TempFolder();
        var (file, _) = SampleDocument.Broken(folder, "stage: initial", "stage: 中間", "99015");
        File.WriteAllText(file,
            File.ReadAllText(file).Replace("kind: activity", "kind: activityy").Replace("cost: \"1,200千円\"", "cost: \"1,300千円\""));
        var run = await system.RunAsync("import", file);
        Assert.Equal(65, run.ExitCode);
        Assert.Contains("3 problems", run.Error);
    }

    [Fact]
    public async Task ATotalThatIsNotTheSumOfItsCourseRowsIsReportedAtItsLine_001s850000Changed()
    {
        // 001 平成30年度: 850,000 (400,000・450,000); the total misprinted as 999,999.
        var text = File.ReadAllText(SeedDataset.File("001"));
        const string total = "{ fiscal_year: 平成30年度, awarded_amount: \"850,000\" }";
        Assert.Single(text.Split(total)[1..]);
        var line = text[..text.IndexOf(total, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        using var folder = new TempFolder();
        var file = folder.File("001.yaml");
        File.WriteAllText(file, text.Replace(total, total.Replace("850,000", "999,999")));

        var before = await HeldState.OfAsync(system, "20208");
        foreach (var dryRun in new[] { true, false })
        {
            var run = await system.RunAsync(dryRun ? ["import", file, "--dry-run"] : ["import", file]);
            Assert.True(run.ExitCode == 65, run.ToString());
            Assert.Contains($"{file}:{line}:", run.Error);
            Assert.Contains("the total 999,999 yen is not the sum of the course rows of FY2018, 850,000 yen (チャレンジ 400,000 yen + ステップアップ "
                + "450,000 yen)", run.Error);
        }
        Assert.Equal(before, await HeldState.OfAsync(system, "20208"));
    }

    [Fact]
    public async Task HalfASplitOfAwardsIsReportedAtItsLineAndNothingIsImported()
    {
        using var folder = new TempFolder();
        var (file, line) =
            SampleDocument.Broken(folder, "course: ステップアップ, awards: 1,", "course: ステップアップ, awards: 1, awards_new: 1,", "99017");
        await AssertRefusedAsync(file, "99017", $"{file}:{line}:", "give awards_new and awards_continuing together");
    }

    [Fact]
    public async Task OneBadFileInAFolderBlocksTheGoodOnes_NothingOfAnyFileIsImported()
    {
        using var folder = new TempFolder();
        SampleDocument.Copy(folder, "99018", "a-good.yaml");
        var (broken, line) = SampleDocument.Broken(folder, "cost: \"1,200千円\"", "cost: \"1,300千円\"", "99019", "b-broken.yaml");

        var run = await system.RunAsync("import", folder.Path);
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains($"{broken}:{line}:", run.Error);
        Assert.Contains("1 problem in 1 of 2 files; nothing was imported", run.Error);
        Assert.Empty(await HeldState.OfAsync(system, "99018"));
        Assert.Empty(await HeldState.OfAsync(system, "99019"));
    }

    [Fact]
    public async Task ADuplicateItemIdOrPriorityGoalIsReportedAtTheDuplicatesOwnLine()
    {
        // Two files of one city: the second repeats the first's ids and its priority goal.
        using var folder = new TempFolder();
        var a = SampleDocument.Copy(folder, "99020", "a.yaml");
        var (b, _) = SampleDocument.Broken(folder, "name: テスト市 実施計画", "name: テスト市 別の計画", "99020", "b.yaml");
        File.WriteAllText(b, File.ReadAllText(b).Replace("name: テスト市 市民活動促進事業補助金", "name: テスト市 別の補助金"));
        var lines = File.ReadAllLines(b).ToList();
        int LineOf(string text) => lines.FindIndex(l => l.Contains(text)) + 1;

        var run = await system.RunAsync("import", folder.Path);
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains($"{b}:{LineOf("- id: sample-support")}:1: id 'sample-support' is used already "
            + $"({a}:{LineOf("- id: sample-support")})", run.Error);
        Assert.Contains($"{b}:{LineOf("- department: 企画課")}:1: priority goal 1 of 企画課 FY2019 is given already", run.Error);
        Assert.Empty(await HeldState.OfAsync(system, "99020"));
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
