using System.Globalization;
using Kyodo.Reporting.Data;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// <see cref="SummaryFigures"/> read through the figures kept per municipality (<see cref="KeptFigures"/>).
/// By municipality (the area reports) each municipality's row is its own entry, since no figure of
/// it depends on another municipality's rows: after one municipality changed, only it is
/// aggregated again. A one-municipality scope (the department summary, the plan structure) keeps its
/// whole result. Anything else (several municipalities by department or node, which no report asks)
/// is aggregated as before.
/// </summary>
internal static class KeptSummaryFigures
{
    /// <summary>A one-municipality scope's result as kept.</summary>
    private sealed record Whole(Dictionary<string, UnitFigures> Units, DateTimeOffset? AsOf);

    /// <summary>What <see cref="SummaryFigures.LoadAsync"/> returns for the same arguments.</summary>
    public static async Task<(Dictionary<string, UnitFigures> Units, DateTimeOffset? AsOf)> LoadAsync(ReportingDbContext db,
        SummaryScope scope, AchievementThresholds thresholds, DateOnly today, CancellationToken ct)
    {
        var key = ScopeKey(scope, thresholds, today);
        if (scope.Unit == SummaryUnit.Municipality)
        {
            var rows = await KeptFigures.ReadThroughAsync<UnitFigures?>(db, scope.Municipalities, key, today, async missing =>
            {
                var (units, _) = await SummaryFigures.LoadAsync(db, scope with { Municipalities = missing }, thresholds, today, ct);
                return missing.ToDictionary(code => code, units.GetValueOrDefault); // null: nothing of it counts
            }, ct);
            var held = rows.Where(r => r.Value is not null).ToDictionary(r => r.Key, r => r.Value!);
            return (held, held.Values.Max(f => f.AsOf));
        }
        if (scope.Municipalities.Count != 1) return await SummaryFigures.LoadAsync(db, scope, thresholds, today, ct);

        var code = scope.Municipalities.Single();
        var kept = await KeptFigures.ReadThroughAsync(db, [code], key, today, async _ =>
        {
            var (units, asOf) = await SummaryFigures.LoadAsync(db, scope, thresholds, today, ct);
            return new Dictionary<string, Whole> { [code] = new(units, asOf) };
        }, ct);
        return (kept[code].Units, kept[code].AsOf);
    }

    /// <summary>
    /// Everything the figures depend on besides the municipality's rows, as canonical text: the
    /// years, filters (nodes sorted), unit, thresholds, and the day, which decides what is overdue.
    /// </summary>
    public static string ScopeKey(SummaryScope scope, AchievementThresholds thresholds, DateOnly today) => string.Create(
        CultureInfo.InvariantCulture,
        $"summary;unit={scope.Unit};from={scope.From};to={scope.To};plan={scope.PlanId};department={scope.DepartmentId};"
        + $"nodes={(scope.Nodes is null ? "*" : string.Join(",", scope.Nodes.Order()))};"
        + $"achieved_at={thresholds.AchievedAt:R};on_track_at={thresholds.OnTrackAt:R};today={today:yyyy-MM-dd}");
}
