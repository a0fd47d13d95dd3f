using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;

namespace Kyodo.Reporting.Tests;

/// <summary>Events as the plan, budget and subsidy services publish them, with only what a test varies as arguments.</summary>
internal static class SummaryEvents
{
    public static PlanCreated PlanOf(string municipality, Guid planId, string name, int start, int end, DateTimeOffset at) =>
        new(Guid.NewGuid(), at, municipality, planId, name, start, end, 1);

    public static DepartmentChanged Department(string municipality, Guid departmentId, string name, int revision, DateTimeOffset at) =>
        new(Guid.NewGuid(), at, municipality, departmentId, name, revision, false);

    /// <summary>An item led by <paramref name="lead"/>, placed under each of <paramref name="nodes"/> (more than one: re-listed).</summary>
    public static ItemSnapshot Item(Guid planId, (Guid Id, string Name) lead, string title, IReadOnlyList<ScheduleCellSnapshot> schedule,
        IReadOnlyList<IndicatorSnapshot> indicators, params Guid[] nodes) => new(
        Guid.NewGuid(), planId, 1, title, "Continuing", [new DepartmentInCharge(lead.Id, lead.Name)], ["行政"], [], "", "", "", "", "", "",
        null, null, "None", [], [], "", nodes.Select((n, i) => new PlacementSnapshot(n, $"{i + 1}", i == 0, $"Ⅰ-(1)-{i + 1}")).ToList(),
        schedule, indicators);

    public static ItemCreated Created(string municipality, ItemSnapshot item, DateTimeOffset at) =>
        new(Guid.NewGuid(), at, municipality, item);

    public static IndicatorSnapshot Indicator(string direction, int fiscalYear, decimal target, decimal? actual) => new(
        Guid.NewGuid(), "Outcome", "指標", "件", direction, null, null, [new YearValue(fiscalYear, target)],
        actual is { } a ? [new YearValue(fiscalYear, a)] : []);

    public static BudgetLineCreated Line(string municipality, ItemSnapshot item, (Guid Id, string Name) department, int fiscalYear,
        long costYen, DateTimeOffset at) =>
        new(Guid.NewGuid(), at, municipality, new BudgetLineSnapshot(Guid.NewGuid(), item.ItemId, item.Title, department.Id,
            department.Name, fiscalYear, "一般会計/2 総務費", "Initial", 0, new FundingAmounts(costYen, 0, 0, 0, costYen), 1));

    public static SubsidyProgramChanged Program(string municipality, Guid programId, string name, int revision, DateTimeOffset at,
        params (int FiscalYear, Guid Line)[] lines) =>
        new(Guid.NewGuid(), at, municipality, programId, name, "", [new CourseSnapshot(Guid.NewGuid(), "チャレンジ", 200_000, true, 1)],
            lines.Select(l => new ProgramBudgetLineSnapshot(l.FiscalYear, l.Line)).ToList(), revision, false);

    public static ApplicationStatusChanged Application(string municipality, Guid programId, int fiscalYear, string status, long awardedYen,
        long settledYen, DateTimeOffset at, int revision = 1) =>
        new(Guid.NewGuid(), at, municipality, Guid.NewGuid(), programId, "まちづくり活動補助金", Guid.NewGuid(), "チャレンジ", fiscalYear, 1,
            Guid.NewGuid(), "見守りの会", "見守り活動", "", status, 200_000, awardedYen, settledYen, "tanaka", revision);

    public static FundsReserved Reserved(string municipality, Guid lineId, Guid reservationId, long amountYen, DateTimeOffset at) =>
        new(Guid.NewGuid(), at, municipality, lineId, reservationId, $"subsidy-application:{reservationId}", amountYen, 0);

    public static FundsCommitted Committed(string municipality, Guid lineId, Guid reservationId, long committedYen, long releasedYen,
        DateTimeOffset at) =>
        new(Guid.NewGuid(), at, municipality, lineId, reservationId, committedYen, releasedYen, 0);

    public static FundsReleased Released(string municipality, Guid lineId, Guid reservationId, long releasedYen, DateTimeOffset at) =>
        new(Guid.NewGuid(), at, municipality, lineId, reservationId, releasedYen, 0);
}
