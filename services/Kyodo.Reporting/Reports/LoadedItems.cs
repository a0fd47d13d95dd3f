using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Reports;

/// <summary>An item with its list contents, in their stored order, for the reports that print items one by one.</summary>
internal sealed record LoadedItem(ItemRow Row, IReadOnlyList<ItemDepartmentRow> Departments, IReadOnlyList<PlacementRow> Placements,
    IReadOnlyList<ScheduleCellRow> Schedule, IReadOnlyList<YearlyGoalRow> YearlyGoals, IReadOnlyList<LoadedIndicator> Indicators)
{
    public PlacementRow? Primary => Placements.FirstOrDefault(p => p.IsPrimary);

    /// <summary>The printed reference of its primary placement, "" when it has none: what document order sorts by.</summary>
    public string Reference => Primary?.Reference ?? "";
}

/// <summary>An indicator with its targets and actuals by fiscal year.</summary>
internal sealed record LoadedIndicator(IndicatorRow Row, IReadOnlyList<IndicatorValueRow> Values)
{
    public decimal? Target(int year) => Values.FirstOrDefault(v => v.FiscalYear == year)?.Target;
    public decimal? Actual(int year) => Values.FirstOrDefault(v => v.FiscalYear == year)?.Actual;
    public IEnumerable<int> TargetYears => Values.Where(v => v.Target is not null).Select(v => v.FiscalYear);
    public IEnumerable<int> ActualYears => Values.Where(v => v.Actual is not null).Select(v => v.FiscalYear);
}

internal static class LoadedItems
{
    /// <summary>The items <paramref name="items"/> selects (of municipality <paramref name="code"/>) with their contents, in document
    /// order.</summary>
    public static async Task<List<LoadedItem>> LoadAsync(ReportingDbContext db, string code, IQueryable<ItemRow> items,
        CancellationToken ct)
    {
        var rows = await items.AsNoTracking().ToListAsync(ct);
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.ItemId).ToList();
        var departments = (await db.ItemDepartments.AsNoTracking().Where(x => x.MunicipalityCode == code && ids.Contains(x.ItemId))
            .ToListAsync(ct)).ToLookup(x => x.ItemId);
        var placements = (await db.Placements.AsNoTracking().Where(x => x.MunicipalityCode == code && ids.Contains(x.ItemId))
            .ToListAsync(ct)).ToLookup(x => x.ItemId);
        var cells = (await db.ScheduleCells.AsNoTracking().Where(x => x.MunicipalityCode == code && ids.Contains(x.ItemId))
            .ToListAsync(ct)).ToLookup(x => x.ItemId);
        var goals = (await db.YearlyGoals.AsNoTracking().Where(x => x.MunicipalityCode == code && ids.Contains(x.ItemId))
            .ToListAsync(ct)).ToLookup(x => x.ItemId);
        var indicators = (await db.Indicators.AsNoTracking().Where(x => x.MunicipalityCode == code && ids.Contains(x.ItemId))
            .ToListAsync(ct)).ToLookup(x => x.ItemId);
        var values = (await db.IndicatorValues.AsNoTracking().Where(x => x.MunicipalityCode == code && ids.Contains(x.ItemId))
            .ToListAsync(ct)).ToLookup(x => x.IndicatorId);
        return rows.Select(r => new LoadedItem(r,
                departments[r.ItemId].OrderBy(x => x.Position).ToList(),
                placements[r.ItemId].OrderBy(x => x.Position).ToList(),
                cells[r.ItemId].OrderBy(x => x.Row).ThenBy(x => x.FiscalYear).ToList(),
                goals[r.ItemId].OrderBy(x => x.FiscalYear).ToList(),
                indicators[r.ItemId].OrderBy(x => x.Position)
                    .Select(i => new LoadedIndicator(i, values[i.IndicatorId].OrderBy(v => v.FiscalYear).ToList())).ToList()))
            .OrderBy(i => i.Reference, ReferenceOrder.Instance).ThenBy(i => i.Row.Title, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Live items of live plans of the municipality.</summary>
    public static IQueryable<ItemRow> Live(ReportingDbContext db, string code) =>
        db.Items.Where(i => i.MunicipalityCode == code && !i.Deleted
            && !db.Plans.Any(p => p.MunicipalityCode == code && p.PlanId == i.PlanId && p.Deleted));
}
