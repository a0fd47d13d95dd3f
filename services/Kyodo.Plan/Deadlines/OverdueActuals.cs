using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Deadlines;

/// <summary>One missing actual of a passed deadline, with its plan and the item's lead department.</summary>
public sealed record OverdueLine(ReportingDeadline Deadline, string PlanName, Item Item, Indicator Indicator, Guid? DepartmentId,
    ActualEntry? Entry)
{
    /// <summary>Missing (nothing entered), Draft, Submitted or Returned.</summary>
    public string Status => Entry?.Review.Status.ToString() ?? "Missing";

    public MissingActual ToContract(IReadOnlyDictionary<Guid, Department> departments) => new(
        Item.Id, Item.Title, Indicator.Id, Indicator.Name, DepartmentId,
        DepartmentId is { } d && departments.TryGetValue(d, out var department) ? department.Name : "", Status);
}

/// <summary>
/// What a passed deadline lacks: every indicator of the plan's items that has a target in the
/// deadline's fiscal year and no approved actual of it. An indicator without a target that year is
/// not expected to report; an approved (official) actual counts, whoever recorded it.
/// </summary>
public static class OverdueActuals
{
    public static async Task<IReadOnlyList<OverdueLine>> OfAsync(PlanDbContext db, IReadOnlyList<ReportingDeadline> deadlines,
        CancellationToken ct)
    {
        if (deadlines.Count == 0) return [];
        var planIds = deadlines.Select(d => d.PlanId).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var items = await db.Items.AsNoTracking().Include(i => i.Indicators).Where(i => planIds.Contains(i.PlanId))
            .OrderBy(i => i.Id).AsSplitQuery().ToListAsync(ct);
        var lines = new List<OverdueLine>();
        foreach (var deadline in deadlines.OrderBy(d => d.FiscalYear))
            foreach (var item in items.Where(i => i.PlanId == deadline.PlanId))
                foreach (var indicator in item.Indicators.OrderBy(i => i.Position))
                {
                    var year = deadline.FiscalYear;
                    if (indicator.TargetFor(year) is null || indicator.Actuals.Any(a => a.FiscalYear == year)) continue;
                    lines.Add(new OverdueLine(deadline, plans.GetValueOrDefault(deadline.PlanId, ""), item, indicator,
                        item.DepartmentIds.Count > 0 ? item.DepartmentIds[0] : null, indicator.EntryFor(year)));
                }
        return lines;
    }
}
