using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;

namespace Kyodo.Reporting.ReadModels;

/// <summary>An item's list contents as rows.</summary>
public sealed record ItemContentRows(List<ItemDepartmentRow> Departments, List<PlacementRow> Placements, List<ScheduleCellRow> Schedule,
    List<YearlyGoalRow> YearlyGoals, List<IndicatorRow> Indicators, List<IndicatorValueRow> Values);

/// <summary>
/// What a record's state becomes in its row and its content rows, without a database: the
/// writer stores these, and a bulk load (the national benchmark) writes the very same rows.
/// Entries are numbered in the event's order; a fiscal year (or cell) given twice keeps the last.
/// </summary>
public static class RecordContents
{
    public static ItemContentRows Item(string municipality, ItemSnapshot item)
    {
        var id = item.ItemId;
        var indicators = item.Indicators.DistinctBy(i => i.IndicatorId).ToList();
        return new ItemContentRows(
            item.Departments.Select((d, i) => new ItemDepartmentRow
            {
                MunicipalityCode = municipality, ItemId = id, Position = i, DepartmentId = d.DepartmentId, Name = d.Name,
            }).ToList(),
            item.Placements.Select((p, i) => new PlacementRow
            {
                MunicipalityCode = municipality, ItemId = id, Position = i, NodeId = p.NodeId, Code = p.Code, IsPrimary = p.Primary,
                Reference = p.Reference,
            }).ToList(),
            item.Schedule.GroupBy(c => (c.Row, c.FiscalYear)).Select(g => g.Last()).Select(c => new ScheduleCellRow
            {
                MunicipalityCode = municipality, ItemId = id, Row = c.Row, FiscalYear = c.FiscalYear, RowLabel = c.RowLabel,
                Stages = [.. c.Stages],
            }).ToList(),
            item.YearlyGoals.GroupBy(g => g.FiscalYear).Select(g => g.Last()).Select(g => new YearlyGoalRow
            {
                MunicipalityCode = municipality, ItemId = id, FiscalYear = g.FiscalYear, Text = g.Text,
            }).ToList(),
            indicators.Select((x, position) => new IndicatorRow
            {
                MunicipalityCode = municipality, IndicatorId = x.IndicatorId, ItemId = id, Position = position, Kind = x.Kind,
                Name = x.Name, Unit = x.Unit,
                Direction = x.Direction, BaselineValue = x.BaselineValue, BaselineFiscalYear = x.BaselineFiscalYear,
            }).ToList(),
            indicators.SelectMany(x => Values(municipality, id, x)).ToList());
    }

    private static IEnumerable<IndicatorValueRow> Values(string municipality, Guid itemId, IndicatorSnapshot indicator)
    {
        var targets = indicator.Targets.GroupBy(t => t.FiscalYear).ToDictionary(g => g.Key, g => g.Last().Value);
        var actuals = indicator.Actuals.GroupBy(a => a.FiscalYear).ToDictionary(g => g.Key, g => g.Last().Value);
        return targets.Keys.Union(actuals.Keys).Order().Select(year => new IndicatorValueRow
        {
            MunicipalityCode = municipality, ItemId = itemId, IndicatorId = indicator.IndicatorId, FiscalYear = year,
            Direction = indicator.Direction,
            Target = targets.TryGetValue(year, out var t) ? t : null, Actual = actuals.TryGetValue(year, out var a) ? a : null,
        });
    }

    public static (List<CourseRow> Courses, List<ProgramLineRow> Lines) Program(string municipality, SubsidyProgramChanged program) => (
        program.Courses.DistinctBy(c => c.CourseId).Select((c, i) => new CourseRow
        {
            MunicipalityCode = municipality, CourseId = c.CourseId, ProgramId = program.ProgramId, Position = i, Name = c.Name,
            CapYen = c.CapYen,
            OncePerApplicant = c.OncePerApplicant, RoundsPerYear = c.RoundsPerYear,
        }).ToList(),
        program.BudgetLines.GroupBy(l => l.FiscalYear).Select(g => g.Last()).Select(l => new ProgramLineRow
        {
            MunicipalityCode = municipality, ProgramId = program.ProgramId, FiscalYear = l.FiscalYear, BudgetLineId = l.BudgetLineId,
        }).ToList());

    public static List<PriorityGoalItemRow> GoalItems(string municipality, PriorityGoalChanged goal) =>
        goal.Items.Select((item, i) => new PriorityGoalItemRow
        {
            MunicipalityCode = municipality, GoalId = goal.GoalId, Position = i, Number = item.Number, Text = item.Text,
            Target = item.Target, Achievement = item.Achievement,
        }).ToList();

    /// <summary>A budget line's state onto its row.</summary>
    public static void Line(BudgetLineRow row, BudgetLineSnapshot line)
    {
        row.ItemId = line.ItemId;
        row.ItemTitle = line.ItemTitle;
        row.DepartmentId = line.DepartmentId;
        row.DepartmentName = line.DepartmentName;
        row.FiscalYear = line.FiscalYear;
        row.Stage = line.Stage;
        row.SupplementaryNumber = line.SupplementaryNumber;
        row.AccountPath = line.AccountPath;
        row.CostYen = line.Funding.CostYen;
        row.NationalPrefecturalYen = line.Funding.NationalPrefecturalYen;
        row.LocalBondYen = line.Funding.LocalBondYen;
        row.OtherYen = line.Funding.OtherYen;
        row.GeneralRevenueYen = line.Funding.GeneralRevenueYen;
    }

    /// <summary>An application's latest step onto its row.</summary>
    public static void Application(ApplicationRow row, ApplicationStatusChanged m)
    {
        (row.ProgramId, row.ProgramName, row.CourseId, row.CourseName, row.FiscalYear, row.Round, row.ProjectKind, row.Status) =
            (m.ProgramId, m.ProgramName, m.CourseId, m.CourseName, m.FiscalYear, m.KnownRound, m.ProjectKind, m.To);
        (row.RequestedYen, row.AwardedYen, row.SettledYen) = (m.KnownRequestedYen, m.AwardedYen, m.SettledYen);
    }
}
