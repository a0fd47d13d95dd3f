using Kyodo.Cli.Export;
using Kyodo.Cli.Seed;
using Kyodo.Plan.V1;

namespace Kyodo.Cli.Import;

/// <summary>
/// What ImportPlan cannot carry, written after it: target revisions (oldest first, each with its
/// reason) and actuals with a note. A refusal names the line of the item it was written for.
/// </summary>
internal static class PlanHistory
{
    public static async Task ReplayAsync(ServiceReader services, string file, SeedPlan plan, IReadOnlyList<Item> items, CliConsole console)
    {
        // Each call is a write of its item and must name the item's current version, which each answer returns.
        var versions = items.Select(x => x.Version).ToArray();
        var calls = new List<Func<Task>>();
        for (var i = 0; i < items.Count; i++)
        {
            var itemIndex = i;
            var lines = new SourceLines(file, plan.Items[i].Line);
            var indicators = items[i].Indicators.OrderBy(x => x.Position).ToList();
            for (var k = 0; k < plan.Items[i].Indicators.Count; k++)
            {
                var id = indicators[k].Id;
                foreach (var revision in plan.Items[i].Indicators[k].Revisions)
                    calls.Add(async () =>
                        versions[itemIndex] = (await lines.CallAsync(() => services.Plans.ReviseTargetAsync(new ReviseTargetRequest
                        {
                            IndicatorId = id, FiscalYear = SeedToProto.Year(revision.FiscalYear),
                            Value = SeedToProto.Number(revision.Value), Reason = revision.Reason,
                            ItemVersion = versions[itemIndex],
                        }, cancellationToken: services.Cancellation).ResponseAsync)).ItemVersion);
                foreach (var actual in plan.Items[i].Indicators[k].Actuals.Where(a => a.Note.Length > 0))
                    calls.Add(async () =>
                        versions[itemIndex] = (await lines.CallAsync(() => services.Plans.RecordActualAsync(new RecordActualRequest
                        {
                            IndicatorId = id, FiscalYear = SeedToProto.Year(actual.FiscalYear), Value = SeedToProto.Number(actual.Value),
                            Note = actual.Note,
                            ItemVersion = versions[itemIndex],
                        }, cancellationToken: services.Cancellation).ResponseAsync)).ItemVersion);
            }
        }
        for (var c = 0; c < calls.Count; c++)
        {
            await calls[c]();
            if ((c + 1) % 20 == 0 || c + 1 == calls.Count)
                console.Progress($"  plan {plan.Name}: history {c + 1}/{calls.Count} (target revisions, noted actuals)");
        }
    }
}
