using Kyodo.Contracts.Plan;
using Kyodo.Plan.Domain;

namespace Kyodo.Plan.Data;

/// <summary>An item as the ItemSnapshot contract: the body of its events and of its history rows.</summary>
internal static class ItemSnapshots
{
    public static ItemSnapshot Of(Item item, IReadOnlyDictionary<Guid, Department> departments, NodePaths nodes) => new(
        item.Id,
        item.PlanId,
        item.Revision,
        item.Title,
        item.Novelty.ToString(),
        item.DepartmentIds.Select(id => new DepartmentInCharge(id, departments.TryGetValue(id, out var d) ? d.Name : "")).ToList(),
        item.ImplementingBodies,
        item.TargetStakeholders.Select(s => s.ToString()).ToList(),
        item.TargetOther,
        item.Purpose,
        item.CurrentState,
        item.Content,
        item.CompletionCriterion,
        item.ExpectedEffects,
        item.Rank,
        item.RankOf,
        item.MayoralPledge.ToString(),
        item.LinkedPlans,
        item.YearlyGoals.OrderBy(g => g.FiscalYear).Select(g => new YearText(g.FiscalYear, g.Text)).ToList(),
        item.SpecialNotes,
        item.Placements.OrderByDescending(p => p.IsPrimary).ThenBy(p => p.NodeId)
            .Select(p => new PlacementSnapshot(p.NodeId, p.Code, p.IsPrimary, nodes.Reference(p.NodeId, p.Code))).ToList(),
        Schedule(item),
        item.Indicators.OrderBy(i => i.Position).Select(Indicator).ToList());

    public static IReadOnlyList<ScheduleCellSnapshot> Schedule(Item item) =>
        item.Schedule.OrderBy(c => c.Row).ThenBy(c => c.FiscalYear)
            .Select(c => new ScheduleCellSnapshot(c.Row, c.RowLabel, c.FiscalYear, c.Stages)).ToList();

    private static IndicatorSnapshot Indicator(Indicator i) => new(
        i.Id,
        i.Kind.ToString(),
        i.Name,
        i.Unit,
        i.Direction.ToString(),
        i.BaselineValue,
        i.BaselineFiscalYear,
        i.Targets.OrderBy(t => t.FiscalYear).Select(t => new YearValue(t.FiscalYear, t.Value)).ToList(),
        i.Actuals.OrderBy(a => a.FiscalYear).Select(a => new YearValue(a.FiscalYear, a.Value)).ToList(),
        PendingActuals(i));

    /// <summary>
    /// The entries not yet approved; null when there are none, so an item without any reads as it did
    /// before reviews existed.
    /// </summary>
    private static IReadOnlyList<PendingActual>? PendingActuals(Indicator i) =>
        i.Entries.Any(e => e.IsPending)
            ? i.Entries.Where(e => e.IsPending).OrderBy(e => e.FiscalYear).Select(e => new PendingActual(e.FiscalYear, e.Value,
                e.Review.Status.ToString(), e.EnteredBy, e.EnteredAt, e.Review.SubmittedBy, e.Review.SubmittedAt,
                e.Review.ReviewedBy, e.Review.ReviewedAt, e.Review.Comment)).ToList()
            : null;
}
