using Kyodo.Cli.Export;
using Kyodo.Cli.Seed;

namespace Kyodo.Cli.Import;

/// <summary>
/// References to items that no file of the import defines (001's program spending the budget of
/// 000's 市民活動支援事業 when 001 is imported alone), resolved against what the services hold.
/// The services keep no seed ids, so an id is mapped the way the round trip names items: the
/// seed file beside the imported ones that defines it gives the item's plan and its place in the
/// plan (items are stored in document order); the held plan of that name in the municipality,
/// its item at that place with the same title, is the item. Where neither a file beside nor the
/// services have it, the reference stays an error at its line.
/// </summary>
internal static class HeldItems
{
    private sealed record Definition(string File, SeedDocument Document, SeedPlan Plan, int Index);

    /// <summary>Held item ids by seed id; every reference that cannot be resolved is a problem at its line.</summary>
    public static async Task<Dictionary<string, string>> ResolveAsync(ServiceReader services, IReadOnlyList<string> importedFiles,
        IReadOnlyList<ItemReference> references, SeedProblems problems)
    {
        var definitions = DefinitionsBeside(importedFiles, references.Select(r => r.Id).ToHashSet());
        var resolved = new Dictionary<string, string>();
        var plans = new Dictionary<string, List<Plan.V1.Plan>>();
        var items = new Dictionary<string, List<Plan.V1.Item>>();
        foreach (var reference in references)
        {
            var code = reference.Document.Municipality.Code;
            void Problem(string message) => problems.Add(reference.Document.File, reference.Line, 1, message);
            if (!definitions.TryGetValue(reference.Id, out var definition))
            {
                Problem($"no item '{reference.Id}' in this file, an earlier one or a seed file beside them");
                continue;
            }
            if (definition.Document.Municipality.Code != code)
            {
                Problem($"item '{reference.Id}' ({definition.File}) belongs to municipality "
                    + $"{definition.Document.Municipality.Code}, not {code}");
                continue;
            }
            if (!resolved.TryGetValue(reference.Id, out var itemId))
            {
                if (!plans.TryGetValue(code, out var held)) plans[code] = held = await services.PlansAsync(code);
                var plan = held.FirstOrDefault(p => p.Name == definition.Plan.Name.Trim());
                if (plan is null)
                {
                    Problem($"item '{reference.Id}' is defined in {definition.File}, which this import does not include, and {code} "
                        + $"holds no plan "
                        + $"'{definition.Plan.Name}': import {definition.File} too (or first)");
                    continue;
                }
                if (!items.TryGetValue(plan.Id, out var heldItems)) items[plan.Id] = heldItems = await services.ItemsAsync(code, plan.Id);
                var expected = definition.Plan.Items[definition.Index];
                if (heldItems.Count != definition.Plan.Items.Count || heldItems[definition.Index].Fields.Title != expected.Title.Trim())
                {
                    Problem($"item '{reference.Id}' of {definition.File}: the held plan '{plan.Name}' is not as that file gives it "
                        + $"({heldItems.Count} items, the file {definition.Plan.Items.Count}; item {definition.Index + 1} should be "
                            + $"'{expected.Title.Trim()}')");
                    continue;
                }
                resolved[reference.Id] = itemId = heldItems[definition.Index].Id;
            }
            if (reference.BudgetYear is { } year && (await services.LinesAsync(code, itemId, year)).Count != 1)
                Problem($"item '{reference.Id}' (held, from {definition.File}) has no budget line for FY{year} for the program to spend");
        }
        return resolved;
    }

    /// <summary>
    /// Where the wanted ids are defined among the seed files in the imported files' folders that
    /// are not imported themselves. A file beside that has problems of its own defines nothing.
    /// </summary>
    private static Dictionary<string, Definition> DefinitionsBeside(IReadOnlyList<string> importedFiles, HashSet<string> wanted)
    {
        var imported = importedFiles.Select(Path.GetFullPath).ToHashSet();
        var found = new Dictionary<string, Definition>();
        // Each folder once, named as the user named it (the first imported file in it says how).
        var folders = importedFiles.GroupBy(f => Path.GetDirectoryName(Path.GetFullPath(f))!)
            .Select(g => (Full: g.Key, Given: Path.GetDirectoryName(g.First()) ?? ""));
        foreach (var (folder, given) in folders)
            foreach (var file in SeedReader.FilesOf(folder).Where(f => !imported.Contains(Path.GetFullPath(f))))
            {
                var display = Path.Combine(given, Path.GetFileName(file));
                var document = SeedReader.Read(file, display, new SeedProblems());
                if (document is null) continue;
                foreach (var plan in document.Plans)
                    for (var i = 0; i < plan.Items.Count; i++)
                        if (wanted.Contains(plan.Items[i].Id)) found.TryAdd(plan.Items[i].Id, new Definition(display, document, plan, i));
            }
        return found;
    }
}
