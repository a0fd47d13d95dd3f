using Kyodo.Cli.Connection;
using Kyodo.Cli.Export;
using Kyodo.Cli.Import;
using Kyodo.Cli.Seed;

namespace Kyodo.Cli.Commands;

/// <summary>
/// <c>kyodo import PATH [--dry-run]</c>: reads every seed file of PATH and checks all of them
/// (each problem with file:line:column) before anything is sent; then imports the files in name
/// order, each document section by section through the services' batch APIs. References to items
/// no imported file defines are looked up among what the services hold (<see cref="HeldItems"/>),
/// a dry run included: only then does a dry run call the gateway.
/// </summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
    {
        var line = CommandLine.Parse(args, "dry-run");
        var dryRun = line.Flag("dry-run");
        foreach (var option in Gateway.OptionNames) line.MarkUsed(option);
        line.RejectUnused();
        if (line.Positional.Count != 1) throw new UsageException("import takes one PATH (a seed file or a folder of them)");

        var path = line.Positional[0];
        var files = SeedReader.FilesOf(path);
        if (files.Count == 0) throw new UsageException($"no .yaml files in '{line.Positional[0]}'");
        var problems = new SeedProblems();
        var documents = files.Select(f => SeedReader.Read(f, Display(path, f), problems)).ToList();
        List<ItemReference> elsewhere = problems.Any ? [] : SeedChecks.Across(documents!, problems);
        Report(problems, files.Count, console);

        Gateway? gateway = null;
        try
        {
            var heldItems = new Dictionary<string, string>();
            if (elsewhere.Count > 0)
            {
                gateway = Gateway.Open(line, console);
                heldItems = await HeldItems.ResolveAsync(new ServiceReader(gateway.Invoker, ct), files, elsewhere, problems);
                Report(problems, files.Count, console);
            }
            if (dryRun)
            {
                console.Out.WriteLine($"valid: {files.Count} files"
                    + (heldItems.Count > 0 ? $" ({heldItems.Count} items referred to are held already)" : ""));
                return ExitCodes.Ok;
            }

            gateway ??= Gateway.Open(line, console);
            var importer = new SeedImporter(new ServiceReader(gateway.Invoker, ct), console, heldItems);
            var conflicts = await importer.PreflightAsync(documents!);
            if (conflicts.Count > 0)
            {
                foreach (var conflict in conflicts) console.Error.WriteLine(conflict);
                throw new DataException(
                    $"{conflicts.Count} problem{(conflicts.Count == 1 ? "" : "s")} with what is held; nothing was imported");
            }
            for (var i = 0; i < documents.Count; i++)
            {
                console.Progress($"[{i + 1}/{documents.Count}] {documents[i]!.File}");
                await importer.ImportAsync(documents[i]!);
            }
            console.Out.WriteLine($"imported {files.Count} files: {importer.Tally}");
            return ExitCodes.Ok;
        }
        finally
        {
            gateway?.Dispose();
        }
    }

    /// <summary>Every problem found so far, each at its file:line:column; any at all ends the command before anything is written.</summary>
    private static void Report(SeedProblems problems, int files, CliConsole console)
    {
        if (!problems.Any) return;
        foreach (var problem in problems.All) console.Error.WriteLine(problem);
        throw new DataException($"{problems.All.Count} problem{(problems.All.Count == 1 ? "" : "s")} in "
            + $"{problems.All.Select(p => p.File).Distinct().Count()} of {files} files; nothing was imported");
    }

    /// <summary>A file as the user named it: the path given, or the folder given joined with the file's name.</summary>
    private static string Display(string given, string file) => File.Exists(given) ? given : Path.Combine(given, Path.GetFileName(file));
}
