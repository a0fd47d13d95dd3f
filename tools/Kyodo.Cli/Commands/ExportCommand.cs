using Kyodo.Cli.Connection;
using Kyodo.Cli.Export;
using Kyodo.Cli.Seed;

namespace Kyodo.Cli.Commands;

/// <summary>
/// <c>kyodo export --municipality CODE [--plan NAME …] [--program NAME …] [--goals] [--out FILE]</c>:
/// what the services hold, in the seed format <c>kyodo import</c> reads. Without a selection,
/// everything of the municipality; with --plan, that plan with its items' budget sheets.
/// </summary>
internal static class ExportCommand
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
    {
        var line = CommandLine.Parse(args, "goals");
        var code = line.Option("municipality") ?? throw new UsageException("export needs --municipality CODE");
        var planNames = line.Options("plan");
        var programNames = line.Options("program");
        var goals = line.Flag("goals");
        var outPath = line.Option("out");
        var givenName = line.Option("municipality-name");
        using var gateway = Gateway.Open(line, console);
        line.RejectUnused();
        if (line.Positional.Count > 0) throw new UsageException($"unexpected '{line.Positional[0]}'");
        var everything = planNames.Count == 0 && programNames.Count == 0 && !goals;

        var services = new ServiceReader(gateway.Invoker, ct);
        // The name the plan service holds (the code only for a municipality it does not know: then there is nothing to export either).
        var name = givenName ?? await services.MunicipalityNameAsync(code) ?? code;
        var document = await ExportAsync(services, code, name,
            everything ? null : planNames, everything ? null : programNames, everything || goals);
        if (outPath is null) SeedWriter.Write(document, console.Out);
        else
        {
            await using (var file = new StreamWriter(outPath, false, new System.Text.UTF8Encoding(false))) SeedWriter.Write(document, file);
            console.Out.WriteLine($"saved {outPath}");
        }
        return ExitCodes.Ok;
    }

    /// <summary>The selected plans (null: all) with their budget sheets, programs (null: all) and, if asked, priority goals.</summary>
    public static async Task<SeedDocument> ExportAsync(ServiceReader services, string code, string municipalityName,
        IReadOnlyList<string>? planNames, IReadOnlyList<string>? programNames, bool goals)
    {
        var held = await services.PlansAsync(code);
        foreach (var missing in (planNames ?? []).Where(n => held.All(p => p.Name != n)))
            throw new DataException($"no plan named '{missing}' in municipality {code}");

        // Every plan's items get ids, so a program spending the line of an item of a plan not
        // exported still names it.
        var plans = new List<SeedPlan>();
        var slugByItemId = new Dictionary<string, string>();
        for (var i = 0; i < held.Count; i++)
        {
            var (plan, slugs) = await ProtoToSeed.PlanAsync(services, held[i], $"plan-{i + 1}");
            foreach (var (id, slug) in slugs) slugByItemId[id] = slug;
            if (planNames is null || planNames.Contains(held[i].Name)) plans.Add(plan);
        }
        var exportedItems = plans.SelectMany(p => p.Items.Select(item => item.Id)).ToHashSet();
        var lines = await services.LinesAsync(code);
        var sheets = ProtoToSeed.Sheets(lines, slugByItemId).Where(s => exportedItems.Contains(s.Item)).ToList();

        var programs = new List<SeedProgram>();
        var slugByLineId = lines.Where(l => slugByItemId.ContainsKey(l.ItemId)).ToDictionary(l => l.Id, l => slugByItemId[l.ItemId]);
        var heldPrograms = await services.ProgramsAsync(code);
        foreach (var missing in (programNames ?? []).Where(n => heldPrograms.All(p => p.Name != n)))
            throw new DataException($"no subsidy program named '{missing}' in municipality {code}");
        for (var i = 0; i < heldPrograms.Count; i++)
        {
            if (programNames is not null && !programNames.Contains(heldPrograms[i].Name)) continue;
            var applications = await services.ApplicationsAsync(code, heldPrograms[i].Id);
            programs.Add(ProtoToSeed.Program(heldPrograms[i], applications, $"program-{i + 1}", slugByLineId));
        }

        var priorityGoals = goals ? (await services.GoalsAsync(code)).Select(ProtoToSeed.Goal).ToList() : [];
        return new SeedDocument("(export)",
            new SeedSource("kyodo export", $"{municipalityName} exported from Kyodo {DateTime.UtcNow:yyyy-MM-dd}", "", "", ""),
            new SeedMunicipality(code, municipalityName), plans, sheets, priorityGoals, programs);
    }
}
