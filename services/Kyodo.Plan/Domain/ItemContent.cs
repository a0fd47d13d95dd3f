namespace Kyodo.Plan.Domain;

/// <summary>
/// What a person writes about an item (DOMAIN.md, Plan → Item), apart from departments,
/// placements, schedule and indicators, which have rules of their own.
/// </summary>
public sealed record ItemContent(
    string Title,
    ItemNovelty Novelty,
    IReadOnlyList<string> ImplementingBodies,
    IReadOnlyList<Stakeholder> TargetStakeholders,
    string TargetOther,
    string Purpose,
    string CurrentState,
    string Content,
    string CompletionCriterion,
    string ExpectedEffects,
    RankWithinMeasure? Rank,
    MayoralPledge MayoralPledge,
    IReadOnlyList<string> LinkedPlans,
    IReadOnlyList<YearlyGoal> YearlyGoals,
    string SpecialNotes);

/// <summary>施策内順位: 1/3 = first of three.</summary>
public sealed record RankWithinMeasure(int Rank, int Of);

/// <summary>The goal text of one fiscal year (平成31年度の目標).</summary>
public sealed record YearlyGoal(int FiscalYear, string Text);
