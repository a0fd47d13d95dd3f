using Kyodo.Contracts.Plan;

namespace Kyodo.Reporting.ReadModels;

/// <summary>An item snapshot's own fields onto its row (its lists go to their own tables: ReadModelWriter.Contents).</summary>
public static class ItemFields
{
    public static void Apply(ItemRow row, ItemSnapshot item)
    {
        row.PlanId = item.PlanId;
        row.Title = item.Title;
        row.LeadDepartmentId = item.Departments.FirstOrDefault()?.DepartmentId;
        row.PrimaryNodeId = PrimaryPlacement(item)?.NodeId;
        row.Novelty = item.Novelty;
        row.ImplementingBodies = [.. item.ImplementingBodies];
        row.TargetStakeholders = [.. item.TargetStakeholders];
        row.TargetOther = item.TargetOther;
        row.Purpose = item.Purpose;
        row.CurrentState = item.CurrentState;
        row.Content = item.Content;
        row.CompletionCriterion = item.CompletionCriterion;
        row.ExpectedEffects = item.ExpectedEffects;
        (row.Rank, row.RankOf) = (item.Rank, item.RankOf);
        row.MayoralPledge = item.MayoralPledge;
        row.LinkedPlans = [.. item.LinkedPlans];
        row.SpecialNotes = item.SpecialNotes;
    }

    /// <summary>The placement roll-ups count the item under: its primary one (else its first, should none be marked).</summary>
    public static PlacementSnapshot? PrimaryPlacement(ItemSnapshot item) =>
        item.Placements.FirstOrDefault(p => p.Primary) ?? item.Placements.FirstOrDefault();
}
