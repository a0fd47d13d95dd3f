namespace Kyodo.Contracts.Plan;

/// <summary>
/// Everything about an item, as of one revision: what the reporting service needs to build
/// its item lists, stakeholder matrix, schedule tables and indicator reports without
/// calling back. Revision grows with every change: a consumer keeps the highest it has seen.
/// Enumerations travel as their names (Continuing, Partly, Citizens, HigherIsBetter …).
/// </summary>
public sealed record ItemSnapshot(
    Guid ItemId,
    Guid PlanId,
    int Revision,
    string Title,
    string Novelty,
    IReadOnlyList<DepartmentInCharge> Departments,
    IReadOnlyList<string> ImplementingBodies,
    IReadOnlyList<string> TargetStakeholders,
    string TargetOther,
    string Purpose,
    string CurrentState,
    string Content,
    string CompletionCriterion,
    string ExpectedEffects,
    int? Rank,
    int? RankOf,
    string MayoralPledge,
    IReadOnlyList<string> LinkedPlans,
    IReadOnlyList<YearText> YearlyGoals,
    string SpecialNotes,
    IReadOnlyList<PlacementSnapshot> Placements,
    IReadOnlyList<ScheduleCellSnapshot> Schedule,
    IReadOnlyList<IndicatorSnapshot> Indicators);

/// <summary>A department in charge; the first of an item's list is the lead.</summary>
public sealed record DepartmentInCharge(Guid DepartmentId, string Name);

/// <summary>Where the item is listed; Reference is the printed path, e.g. "Ⅱ-(3)-④".</summary>
public sealed record PlacementSnapshot(Guid NodeId, string Code, bool Primary, string Reference);

/// <summary>The stages planned in one fiscal year on one schedule row.</summary>
public sealed record ScheduleCellSnapshot(int Row, string RowLabel, int FiscalYear, IReadOnlyList<string> Stages);

public sealed record YearText(int FiscalYear, string Text);

public sealed record YearValue(int FiscalYear, decimal Value);

/// <summary>
/// Actuals are the official (approved) values; PendingActuals those entered and not yet approved
/// (null when there are none, as in events published before actuals were reviewed).
/// </summary>
public sealed record IndicatorSnapshot(
    Guid IndicatorId,
    string Kind,
    string Name,
    string Unit,
    string Direction,
    decimal? BaselineValue,
    int? BaselineFiscalYear,
    IReadOnlyList<YearValue> Targets,
    IReadOnlyList<YearValue> Actuals,
    IReadOnlyList<PendingActual>? PendingActuals = null);
