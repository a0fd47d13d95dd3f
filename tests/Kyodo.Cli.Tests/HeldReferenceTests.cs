namespace Kyodo.Cli.Tests;

/// <summary>
/// A file imported on its own may refer to items of a seed file beside it that is not part of
/// the import (001's program spends the budget of 000's 市民活動支援事業): the reference is
/// resolved against what the services hold. Where neither the import nor the services have the
/// item, it is an error at the reference's line and nothing is imported.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class HeldReferenceTests(KyodoSystem system)
{
    // 001's budget_lines: { fiscal_year: 令和元年度, item: komoro-shimin-katsudo-shien } (the first of two).
    private static int FirstReferenceLine(string file) =>
        File.ReadAllLines(file).ToList().FindIndex(l => l.Contains("item: komoro-shimin-katsudo-shien")) + 1;

    /// <summary>Copies of the seed files starting with the given prefixes in a folder of their own, moved to another municipality.</summary>
    private static string Folder(string municipality, params string[] prefixes)
    {
        var folder = Directory.CreateTempSubdirectory("kyodo-seed-").FullName;
        foreach (var prefix in prefixes)
        {
            var source = SeedDataset.File(prefix);
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(source)), File.ReadAllText(source).Replace("{ code: \"20208\"", $"{{ code: \"{municipality}\""));
        }
        return folder;
    }

    [Fact]
    public async Task Seed001AloneChecksAndImportsWhen000IsHeld_AndChangesNothing()
    {
        Assert.Equal(0, (await system.RunAsync("import", SeedDataset.Folder)).ExitCode);
        var file = SeedDataset.File("001");

        var dryRun = await system.RunAsync("import", file, "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains("valid: 1 files (1 items referred to are held already)", dryRun.Out);

        var before = await HeldState.OfAsync(system, "20208");
        var run = await system.RunAsync("import", file);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("subsidy programs: 0 imported", run.Out);
        Assert.Equal(before, await HeldState.OfAsync(system, "20208"));
    }

    [Fact]
    public async Task AReferenceToAFileBesideWhosePlanIsNotHeldIsAnErrorAtItsLine_AndNothingIsImported()
    {
        var folder = Folder("99051", "000", "001");
        var file = Path.Combine(folder, Path.GetFileName(SeedDataset.File("001")));
        var run = await system.RunAsync("import", file);
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains($"{file}:{FirstReferenceLine(file)}:1: item 'komoro-shimin-katsudo-shien' is defined in {Path.Combine(folder, Path.GetFileName(SeedDataset.File("000")))}, "
            + "which this import does not include, and 99051 holds no plan '小諸市 実施計画'", run.Error);
        Assert.Contains("nothing was imported", run.Error);
        Assert.Empty(await HeldState.OfAsync(system, "99051"));
    }

    [Fact]
    public async Task AReferenceNoFileBesideDefinesIsAnErrorAtItsLine()
    {
        var file = Path.Combine(Folder("99052", "001"), Path.GetFileName(SeedDataset.File("001")));
        var run = await system.RunAsync("import", file, "--dry-run");
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains($"{file}:{FirstReferenceLine(file)}:1: no item 'komoro-shimin-katsudo-shien' in this file, an earlier one or a seed file beside them", run.Error);
    }
}
