namespace Kyodo.Cli.Tests;

/// <summary>
/// Importing a changed document over what an earlier import left: an import never rewrites a
/// held plan or recorded subsidy history; it refuses (exit 65) and nothing changes.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ChangedDocumentTests(KyodoSystem system)
{
    private async Task<List<string>> ImportedAsync(string municipality)
    {
        var run = await system.RunAsync("import", SampleDocument.Copy(municipality));
        Assert.True(run.ExitCode == 0, run.ToString());
        return await HeldState.OfAsync(system, municipality);
    }

    [Fact]
    public async Task APlanThatDiffersFromTheHeldOneIsRefusedBeforeAnythingIsWritten()
    {
        var before = await ImportedAsync("99021");
        var (file, _) = SampleDocument.Broken("市民活動を支援する。", "市民活動を応援する。", "99021");
        var run = await system.RunAsync("import", file);
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains("exists in 99021 and differs from the file", run.Error);
        Assert.Contains(".purpose", run.Error);
        Assert.Equal(before, await HeldState.OfAsync(system, "99021"));
    }

    [Fact]
    public async Task RecordedSubsidyFiguresThatDifferAreRefusedAndTheProgramIsLeftAsItWas()
    {
        var before = await ImportedAsync("99022");
        var (file, _) = SampleDocument.Broken("course: ステップアップ, awards: 2, awarded_amount: \"300,000\"",
            "course: ステップアップ, awards: 2, awarded_amount: \"290,000\"", "99022");
        var run = await system.RunAsync("import", file);
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains("RECORDED_RESULTS_DIFFER", run.Error);
        Assert.Equal(before, await HeldState.OfAsync(system, "99022"));
    }
}
