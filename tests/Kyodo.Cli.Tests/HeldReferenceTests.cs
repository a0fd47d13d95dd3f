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

    /// <summary>Copies of the seed files starting with the given prefixes in a folder of their own, moved to another
    /// municipality.</summary>
    private static TempFolder Folder(string municipality, params string[] prefixes)
    {
        var folder = new TempFolder();
        foreach (var prefix in prefixes)
        {
            var source = SeedDataset.File(prefix);
            File.WriteAllText(folder.File(Path.GetFileName(source)),
                File.ReadAllText(source).Replace("{ code: \"20208\"", $"{{ code: \"{municipality}\""));
        }
        return folder;
    }

    [Fact]
    public async Task Seed001AloneFindsItsItemIn000AsHeldAndHasNothingToChange()
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
        using var folder = Folder("99051", "000", "001");
        var file = folder.File(Path.GetFileName(SeedDataset.File("001")));
        var run = await system.RunAsync("import", file);
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains($"{file}:{FirstReferenceLine(file)}:1: item 'komoro-shimin-katsudo-shien' is defined in "
            + $"{folder.File(Path.GetFileName(SeedDataset.File("000")))}, "
            + "which this import does not include, and 99051 holds no plan '小諸市 実施計画'", run.Error);
        Assert.Contains("nothing was imported", run.Error);
        Assert.Empty(await HeldState.OfAsync(system, "99051"));
    }

    [Fact]
    public async Task AReferenceNoFileBesideDefinesIsAnErrorAtItsLine()
    {
        using var folder = Folder("99052", "001");
        var file = folder.File(Path.GetFileName(SeedDataset.File("001")));
        var run = await system.RunAsync("import", file, "--dry-run");
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains($"{file}:{FirstReferenceLine(file)}:1: no item 'komoro-shimin-katsudo-shien' in this file, an earlier one or a "
            + $"seed file beside them", run.Error);
    }

    [Fact]
    public async Task AFileBesideIsNamedByTheFolderItIsIn_NotByTheFirstImportedFilesFolder()
    {
        // Two imported files from two folders: the reference of the second is resolved beside it.
        using var first = new TempFolder();
        var sample = SampleDocument.Copy(first, "99054");
        using var second = Folder("99054", "000", "001");
        var referring = second.File(Path.GetFileName(SeedDataset.File("001")));
        var problems = new Kyodo.Cli.Seed.SeedProblems();
        var documents = new[] { sample, referring }.Select(f => Kyodo.Cli.Seed.SeedReader.Read(f, f, problems)!).ToList();
        var references = Kyodo.Cli.Seed.SeedChecks.Across(documents, problems);
        Assert.False(problems.Any, string.Join("\n", problems.All));

        var services = new Kyodo.Cli.Export.ServiceReader(HeldState.Invoker(system), CancellationToken.None);
        await Kyodo.Cli.Import.HeldItems.ResolveAsync(services, [sample, referring], references, problems);
        // 99054 holds no plan of 000: each of 001's references to it is a problem naming 000 where it is.
        Assert.NotEmpty(problems.All);
        Assert.All(problems.All, p => Assert.Contains(
            $"is defined in {second.File(Path.GetFileName(SeedDataset.File("000")))}, which this import does not include", p.Message));
    }
}
