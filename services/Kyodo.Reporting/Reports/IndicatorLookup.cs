using Kyodo.Contracts.Plan;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Indicators live inside their item's snapshot; this finds the item holding one by a jsonb
/// containment query, so a report on a few indicators reads only their items.
/// </summary>
internal static class IndicatorLookup
{
    public static async Task<(ItemRow Row, ItemSnapshot Item, IndicatorSnapshot Indicator)> FindAsync(ReportingDbContext db, string code, Guid indicatorId, CancellationToken ct)
    {
        var contained = $$"""{"indicators":[{"indicatorId":"{{indicatorId}}"}]}""";
        var rows = await db.Items.AsNoTracking()
            .Where(i => i.MunicipalityCode == code && !i.Deleted && EF.Functions.JsonContains(i.SnapshotJson, contained))
            .Where(i => !db.Plans.Any(p => p.PlanId == i.PlanId && p.Deleted)) // a deleted plan takes its items with it
            .ToListAsync(ct);
        foreach (var row in rows)
            if (ItemJson.Read(row.SnapshotJson) is { } item && item.Indicators.FirstOrDefault(x => x.IndicatorId == indicatorId) is { } indicator)
                return (row, item, indicator);
        throw new NotFoundException("indicator", indicatorId.ToString());
    }
}
