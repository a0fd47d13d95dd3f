using System.Text.Json.Nodes;
using Kyodo.Cli.Seed;

namespace Kyodo.Cli.Tests;

/// <summary>Reads seed files with the importer's own reader and puts what they say side by side (presentation left out).</summary>
internal static class RoundTrip
{
    public static List<SeedDocument> Read(params string[] files)
    {
        var problems = new SeedProblems();
        var documents = files.Select(f => SeedReader.Read(f, f, problems)).ToList();
        Assert.False(problems.Any, string.Join("\n", problems.All));
        return documents!;
    }

    /// <summary>The canonical data of a document's sections, item references resolved across <paramref name="dataset"/>.</summary>
    public static JsonObject Canonical(SeedDocument document, IReadOnlyList<SeedDocument> dataset)
    {
        var keys = SeedCanonical.ItemKeys(dataset);
        return new JsonObject
        {
            ["plans"] = new JsonArray(document.Plans.Select(p => (JsonNode)SeedCanonical.Plan(p)).ToArray()),
            ["budget_sheets"] = SeedCanonical.Sheets(document.BudgetSheets, keys),
            ["priority_goals"] = SeedCanonical.Goals(document.PriorityGoals),
            ["subsidy_programs"] = new JsonArray(document.SubsidyPrograms.Select(p => (JsonNode)SeedCanonical.Program(p, keys)).ToArray()),
        };
    }

    /// <summary>
    /// Everything the municipality holds, as `kyodo export` gives it, in canonical form: two
    /// municipalities holding the same are equal (ids, versions and the municipality left out).
    /// </summary>
    public static async Task<JsonObject> HeldAsync(KyodoSystem system, string municipality)
    {
        using var folder = new TempFolder();
        var file = folder.File("everything.yaml");
        var run = await system.RunAsync("export", "--municipality", municipality, "--out", file);
        Assert.True(run.ExitCode == 0, run.ToString());
        var exported = Read(file);
        // Item keys name their municipality ("20208/plan #1"): left out, as the municipality is.
        return JsonNode.Parse(Canonical(exported[0], exported).ToJsonString().Replace($"\"{municipality}/", "\"")
            .Replace($":{municipality}/", ":"))!.AsObject();
    }

    /// <summary>
    /// Exports what <paramref name="document"/> holds (its plans, programs and, if it has any,
    /// priority goals) and asserts the export says the same as the file.
    /// </summary>
    public static async Task AssertExportEqualsAsync(KyodoSystem system, SeedDocument document, IReadOnlyList<SeedDocument> dataset)
    {
        using var folder = new TempFolder();
        var args = new List<string> { "export", "--municipality", document.Municipality.Code, "--out", folder.File("selected.yaml") };
        foreach (var plan in document.Plans) args.AddRange(["--plan", plan.Name]);
        foreach (var program in document.SubsidyPrograms) args.AddRange(["--program", program.Name]);
        if (document.PriorityGoals.Count > 0) args.Add("--goals");
        var run = await system.RunAsync([.. args]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var exported = Read(args[4]).Single();

        // The export names items by its own ids: resolve those through every plan of the municipality it holds.
        var all = await system.RunAsync("export", "--municipality", document.Municipality.Code);
        var everything = folder.File("everything.yaml");
        File.WriteAllText(everything, all.Out);
        var exportedDataset = Read(everything);

        var expected = Canonical(document, dataset);
        var actual = Canonical(exported, exportedDataset);
        // Only the sections the file has; item keys name plans by name, so both sides agree.
        foreach (var key in expected.Select(p => p.Key).ToList())
        {
            var differences = SeedCanonical.Differences(expected[key], actual[key], key, max: 20);
            Assert.True(differences.Count == 0, $"{document.File} round trip differs:\n" + string.Join("\n", differences));
        }
    }
}
