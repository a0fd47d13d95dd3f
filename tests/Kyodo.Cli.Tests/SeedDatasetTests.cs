using Xunit.Abstractions;

namespace Kyodo.Cli.Tests;

/// <summary>
/// The seed dataset of the five source documents: it imports cleanly, every file round-trips
/// through export, and a second import changes nothing. Each test imports the whole folder
/// first (idempotent, so the tests may run in any order).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SeedDatasetTests(KyodoSystem system, ITestOutputHelper output)
{
    private async Task<CliRun> ImportAsync()
    {
        var run = await system.RunAsync("import", SeedDataset.Folder);
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    [Fact]
    public async Task EverySeedFileImportsCleanlyAndRoundTripsThroughExport()
    {
        await ImportAsync();
        var dataset = RoundTrip.Read([.. SeedDataset.Files]);
        Assert.NotEmpty(dataset);
        foreach (var document in dataset) await RoundTrip.AssertExportEqualsAsync(system, document, dataset);
    }

    [Fact]
    public async Task ASecondImportOfTheDatasetChangesNothingStored()
    {
        await ImportAsync();
        var municipalities = RoundTrip.Read([.. SeedDataset.Files]).Select(d => d.Municipality.Code).Distinct().ToList();
        var before = new List<string>();
        foreach (var code in municipalities) before.AddRange(await HeldState.OfAsync(system, code));

        var again = await ImportAsync();
        Assert.Contains("plans: 0 created", again.Out);
        Assert.Contains("budget lines: 0 created, 0 revised", again.Out);
        Assert.Contains("priority goals: 0 created, 0 updated", again.Out);
        Assert.Contains("subsidy programs: 0 imported", again.Out);
        var after = new List<string>();
        foreach (var code in municipalities) after.AddRange(await HeldState.OfAsync(system, code));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task ALongImportShowsItsProgressOnStderr_EachFileAsNOf5()
    {
        var run = await ImportAsync();
        var files = SeedDataset.Files;
        var progress = run.Error.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith('[')).ToList();
        Assert.Equal(files.Select((f, i) => $"[{i + 1}/{files.Count}] {Path.Combine(SeedDataset.Folder, Path.GetFileName(f))}"), progress);
        // Each document's sections follow its line; standard output keeps only the result.
        Assert.Contains("  subsidy program わがまち魅力アップ応援事業: ", run.Error);
        Assert.DoesNotContain("[1/", run.Out);
    }
}
