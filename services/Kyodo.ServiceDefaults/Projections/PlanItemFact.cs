namespace Kyodo.ServiceDefaults.Projections;

/// <summary>
/// What a service keeps of one plan item to decide, from its own database, who owns its records
/// and whether the item exists: the budget service (a line belongs to its item's lead department)
/// and the subsidy service (a program to its lines' items' leads). Fed by the plan service's item
/// events, or learned by asking the plan service once about an item not seen yet; the highest
/// <see cref="Revision"/> wins, so duplicates and reordering end in the newest state.
/// </summary>
public sealed class PlanItemFact
{
    public Guid ItemId { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public Guid PlanId { get; private set; }
    public string Title { get; private set; } = "";
    /// <summary>The first department in charge; null when the item names none (or is deleted and was never seen alive).</summary>
    public Guid? LeadDepartmentId { get; private set; }
    public string LeadDepartmentName { get; private set; } = "";
    /// <summary>The item's revision this state is of (its events carry the same number); a deletion's is above every state.</summary>
    public int Revision { get; private set; }
    /// <summary>The item, or its whole plan, was deleted: it exists no more.</summary>
    public bool Deleted { get; private set; }

    private PlanItemFact() { } // rows are written by PlanItemFacts with INSERT … ON CONFLICT
}

/// <summary>
/// A plan the plan service deleted, with everything in it (its PlanDeleted names no items): an item
/// of it is deleted whatever revision of it arrives later. Plans are never revived.
/// </summary>
public sealed class DeletedPlanFact
{
    public Guid PlanId { get; private set; }
    public string MunicipalityCode { get; private set; } = "";

    private DeletedPlanFact() { }
}

/// <summary>One item's state as an event or the plan service's answer gives it.</summary>
public sealed record PlanItemState(Guid ItemId, string MunicipalityCode, Guid PlanId, string Title, Guid? LeadDepartmentId,
    string LeadDepartmentName, int Revision);
