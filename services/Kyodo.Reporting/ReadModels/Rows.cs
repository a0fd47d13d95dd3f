namespace Kyodo.Reporting.ReadModels;

// The reporting database's rows, one kind per record the other services publish, keyed by
// municipality first. What a record holds in lists (an item's placements, schedule and
// indicators; a program's courses and lines; a goal's items) lives in tables of its own
// (ContentRows.cs), replaced whole whenever the record's row takes a newer state.

public sealed class PlanRow : VersionedRow
{
    public Guid PlanId { get; set; }
    public string Name { get; set; } = "";
    public int StartFiscalYear { get; set; }
    public int EndFiscalYear { get; set; }
}

public sealed class NodeRow : VersionedRow
{
    public Guid NodeId { get; set; }
    public Guid PlanId { get; set; }
    public Guid? ParentId { get; set; }
    public string LevelName { get; set; } = "";
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public int Position { get; set; }
    /// <inheritdoc cref="ItemRow.DeletedWithPlanRevision"/>
    public int? DeletedWithPlanRevision { get; set; }
}

public sealed class DepartmentRow : VersionedRow
{
    public Guid DepartmentId { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>
/// An item's own fields; its departments, placements, schedule, yearly goals and indicators are
/// rows of their own (<see cref="ItemDepartmentRow"/> …). Enumerations as the events name them
/// (Continuing, Partly, Citizens …).
/// </summary>
public sealed class ItemRow : VersionedRow
{
    public Guid ItemId { get; set; }
    public Guid PlanId { get; set; }
    /// <summary>The first of its departments, which counts it in reports.</summary>
    public Guid? LeadDepartmentId { get; set; }
    /// <summary>The node of its primary placement: where roll-ups by the plan's hierarchy count it (once).</summary>
    public Guid? PrimaryNodeId { get; set; }
    public string Title { get; set; } = "";
    public string Novelty { get; set; } = "";
    public List<string> ImplementingBodies { get; set; } = [];
    public List<string> TargetStakeholders { get; set; } = [];
    public string TargetOther { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string CurrentState { get; set; } = "";
    public string Content { get; set; } = "";
    public string CompletionCriterion { get; set; } = "";
    public string ExpectedEffects { get; set; } = "";
    public int? Rank { get; set; }
    public int? RankOf { get; set; }
    public string MayoralPledge { get; set; } = "";
    public List<string> LinkedPlans { get; set; } = [];
    public string SpecialNotes { get; set; } = "";
    /// <summary>
    /// Set (to the revision of its plan's tombstone) while the row is a tombstone only because its
    /// plan was deleted: its own revision, state and time stay as its own events left them, so if
    /// the plan turns out to live after all (a rebuild lists it, or it changes again) the row comes
    /// back as it was and its newer events apply. Null for a live row and for one deleted itself.
    /// </summary>
    public int? DeletedWithPlanRevision { get; set; }
}

/// <summary>A budget line with its amounts by funding source, whole yen.</summary>
public sealed class BudgetLineRow : VersionedRow
{
    public Guid BudgetLineId { get; set; }
    public Guid ItemId { get; set; }
    public string ItemTitle { get; set; } = "";
    public Guid? DepartmentId { get; set; }
    public string DepartmentName { get; set; } = "";
    public int FiscalYear { get; set; }
    public string Stage { get; set; } = "";
    public int SupplementaryNumber { get; set; }
    public string AccountPath { get; set; } = "";
    public long CostYen { get; set; }
    public long NationalPrefecturalYen { get; set; }
    public long LocalBondYen { get; set; }
    public long OtherYen { get; set; }
    public long GeneralRevenueYen { get; set; }
}

/// <summary>A subsidy program; its courses and the budget line it spends each year are rows of their own.</summary>
public sealed class SubsidyProgramRow : VersionedRow
{
    public Guid ProgramId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
}

/// <summary>A subsidy application's latest step and amounts.</summary>
public sealed class ApplicationRow : VersionedRow
{
    public Guid ApplicationId { get; set; }
    public Guid ProgramId { get; set; }
    public string ProgramName { get; set; } = "";
    public Guid CourseId { get; set; }
    public string CourseName { get; set; } = "";
    public int FiscalYear { get; set; }
    /// <summary>1.. the course's rounds, 0 for a course without rounds; null when unknown (recorded from a document that prints
    /// none).</summary>
    public int? Round { get; set; }
    /// <summary>New, Continuing, or "" when not known.</summary>
    public string ProjectKind { get; set; } = "";
    public string Status { get; set; } = "";
    /// <summary>Null when unknown (recorded from a document that prints no amount asked).</summary>
    public long? RequestedYen { get; set; }
    public long AwardedYen { get; set; }
    public long SettledYen { get; set; }
}

/// <summary>A department's priority goal; its numbered items are rows of their own.</summary>
public sealed class PriorityGoalRow : VersionedRow
{
    public Guid GoalId { get; set; }
    public Guid DepartmentId { get; set; }
    public string DepartmentName { get; set; } = "";
    public int FiscalYear { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
}

/// <summary>
/// Money a subsidy award holds against a budget line (FundsReserved), and how it ended: committed
/// (執行, the settled part; the rest went back to the line) or released whole. Revision 1 is the
/// reservation, 2 its end, so an end arriving before its reservation is never undone by it.
/// </summary>
public sealed class ReservationRow : VersionedRow
{
    public Guid ReservationId { get; set; }
    public Guid BudgetLineId { get; set; }
    public string Purpose { get; set; } = "";
    /// <summary>What was reserved, whole yen (= committed + released once it ended).</summary>
    public long AmountYen { get; set; }
    public long CommittedYen { get; set; }
    public long ReleasedYen { get; set; }
    /// <summary>Reserved, Committed or Released.</summary>
    public string State { get; set; } = "";
}
