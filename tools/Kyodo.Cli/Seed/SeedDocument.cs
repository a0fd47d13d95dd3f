namespace Kyodo.Cli.Seed;

// One seed file (format kyodo-seed/1, data/seed/README.md) as read: fiscal years are Gregorian
// start years, money is whole yen next to the text as printed, indicator values are decimals.
// Optional text that is not printed is "". Line numbers point back into the file for messages.

internal sealed record SeedDocument(string File, SeedSource Source, SeedMunicipality Municipality, List<SeedPlan> Plans,
    List<SeedBudgetSheet> BudgetSheets, List<SeedPriorityGoal> PriorityGoals, List<SeedProgram> SubsidyPrograms)
{
    public const string Format = "kyodo-seed/1";
}

internal sealed record SeedSource(string File, string Title, string IssuedBy, string Date, string Notes);

internal sealed record SeedMunicipality(string Code, string Name);

internal sealed record SeedPlan(string Id, string Name, int StartFiscalYear, int EndFiscalYear, List<SeedNode> Nodes, List<SeedItem> Items,
    int Line);

internal sealed record SeedNode(string Level, string Code, string Title, List<SeedNode> Children);

internal sealed record SeedItem(
    string Id, string Title, string Novelty, List<string> Departments, List<string> ImplementingBodies, List<string> TargetStakeholders,
    string TargetOther, string Purpose, string CurrentState, string Content, string CompletionCriterion, string ExpectedEffects,
    SeedRank? Rank, string MayoralPledge, List<string> LinkedPlans, List<SeedYearText> YearlyGoals, string SpecialNotes,
    List<SeedPlacement> Placements, List<SeedScheduleRow> Schedule, List<SeedIndicator> Indicators, int Line = 0);

internal sealed record SeedRank(int Rank, int Of);

internal sealed record SeedYearText(int FiscalYear, string Text);

internal sealed record SeedPlacement(List<string> NodePath, string Code, string PrintedReference);

internal sealed record SeedScheduleRow(string Label, List<SeedCell> Cells);

internal sealed record SeedCell(int FiscalYear, string Text);

internal sealed record SeedIndicator(string Kind, string Name, string Unit, string Direction, SeedBaseline? Baseline,
    List<SeedYearValue> Targets, List<SeedActual> Actuals, List<SeedRevision> Revisions);

internal sealed record SeedBaseline(int? FiscalYear, decimal Value);

internal sealed record SeedYearValue(int FiscalYear, decimal Value);

internal sealed record SeedActual(int FiscalYear, decimal Value, string Note);

internal sealed record SeedRevision(int FiscalYear, decimal? PreviousValue, decimal Value, string Reason);

internal sealed record SeedAmount(string Printed, long Yen);

internal sealed record SeedBudgetSheet(string Item, SeedAccount Account, string Stage, int SupplementaryNumber, List<SeedBudgetYear> Years,
    int Line);

internal sealed record SeedAccount(string AsPrinted, SeedAccountLevel Account, SeedAccountLevel Section, SeedAccountLevel Item,
    SeedAccountLevel Subitem);

internal sealed record SeedAccountLevel(string Number, string Name);

internal sealed record SeedBudgetYear(int FiscalYear, SeedAmount Cost, SeedAmount NationalPrefectural, SeedAmount LocalBond,
    SeedAmount Other, SeedAmount GeneralRevenue, int Line = 0);

internal sealed record SeedPriorityGoal(string Department, int FiscalYear, int Position, string Title, string Description,
    List<SeedGoalItem> Items, int Line = 0);

internal sealed record SeedGoalItem(string Number, string Text, string Target, string Achievement);

internal sealed record SeedProgram(string Id, string Name, string Description, List<SeedProgramLine> BudgetLines, List<SeedCourse> Courses,
    List<SeedResult> Results, int Line);

internal sealed record SeedProgramLine(int FiscalYear, string Item, int Line);

internal sealed record SeedCourse(string Name, SeedAmount? Cap, bool OncePerApplicant, int RoundsPerYear, bool AcceptsNewProjects,
    bool AcceptsContinuingProjects, string EligibilityNotes);

/// <summary>A results row: a course's figures of a year, or (without a course, in a program of several) the year's totals.</summary>
internal sealed record SeedResult(int FiscalYear, string Course, int? Applications, int? Awards, int? AwardsNew, int? AwardsContinuing,
    SeedAmount? AwardedAmount, string Note, int Line = 0);
