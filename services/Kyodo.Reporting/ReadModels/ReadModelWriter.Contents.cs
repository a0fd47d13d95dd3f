using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// A record's list contents (an item's departments, placements, schedule, yearly goals and
/// indicators with their values; a program's courses and budget lines; a goal's items), written
/// whenever its row takes a newer state: the old rows are deleted (one round trip, none for a
/// record new to the read model) and the event's added, so they always are the state the row's
/// revision describes. Entries are numbered in the event's order, which the rebuild builds as the
/// services publish it, so both paths write the same rows.
/// </summary>
public sealed partial class ReadModelWriter
{
    private async Task ReplaceItemContentsAsync(string municipality, ItemSnapshot item, bool replacing, CancellationToken ct)
    {
        var id = item.ItemId;
        if (replacing)
            await db.Database.ExecuteSqlAsync($"""
                DELETE FROM item_departments WHERE municipality_code = {municipality} AND item_id = {id};
                DELETE FROM item_placements WHERE municipality_code = {municipality} AND item_id = {id};
                DELETE FROM item_schedule_cells WHERE municipality_code = {municipality} AND item_id = {id};
                DELETE FROM item_yearly_goals WHERE municipality_code = {municipality} AND item_id = {id};
                DELETE FROM indicators WHERE municipality_code = {municipality} AND item_id = {id};
                DELETE FROM indicator_values WHERE municipality_code = {municipality} AND item_id = {id};
                """, ct);

        db.ItemDepartments.AddRange(item.Departments.Select((d, i) => new ItemDepartmentRow
        {
            MunicipalityCode = municipality, ItemId = id, Position = i, DepartmentId = d.DepartmentId, Name = d.Name,
        }));
        db.Placements.AddRange(item.Placements.Select((p, i) => new PlacementRow
        {
            MunicipalityCode = municipality, ItemId = id, Position = i, NodeId = p.NodeId, Code = p.Code, IsPrimary = p.Primary, Reference = p.Reference,
        }));
        // A cell given twice (same row and year) keeps the last, as a reader of the list would.
        db.ScheduleCells.AddRange(item.Schedule.GroupBy(c => (c.Row, c.FiscalYear)).Select(g => g.Last()).Select(c => new ScheduleCellRow
        {
            MunicipalityCode = municipality, ItemId = id, Row = c.Row, FiscalYear = c.FiscalYear, RowLabel = c.RowLabel, Stages = [.. c.Stages],
        }));
        db.YearlyGoals.AddRange(item.YearlyGoals.GroupBy(g => g.FiscalYear).Select(g => g.Last()).Select(g => new YearlyGoalRow
        {
            MunicipalityCode = municipality, ItemId = id, FiscalYear = g.FiscalYear, Text = g.Text,
        }));
        foreach (var (indicator, position) in item.Indicators.DistinctBy(i => i.IndicatorId).Select((x, i) => (x, i)))
        {
            db.Indicators.Add(new IndicatorRow
            {
                MunicipalityCode = municipality, IndicatorId = indicator.IndicatorId, ItemId = id, Position = position, Kind = indicator.Kind,
                Name = indicator.Name, Unit = indicator.Unit, Direction = indicator.Direction,
                BaselineValue = indicator.BaselineValue, BaselineFiscalYear = indicator.BaselineFiscalYear,
            });
            var targets = indicator.Targets.GroupBy(t => t.FiscalYear).ToDictionary(g => g.Key, g => g.Last().Value);
            var actuals = indicator.Actuals.GroupBy(a => a.FiscalYear).ToDictionary(g => g.Key, g => g.Last().Value);
            db.IndicatorValues.AddRange(targets.Keys.Union(actuals.Keys).Order().Select(year => new IndicatorValueRow
            {
                MunicipalityCode = municipality, ItemId = id, IndicatorId = indicator.IndicatorId, FiscalYear = year,
                Target = targets.TryGetValue(year, out var t) ? t : null, Actual = actuals.TryGetValue(year, out var a) ? a : null,
            }));
        }
    }

    private async Task ReplaceProgramContentsAsync(string municipality, SubsidyProgramChanged program, bool replacing, CancellationToken ct)
    {
        var id = program.ProgramId;
        if (replacing)
            await db.Database.ExecuteSqlAsync($"""
                DELETE FROM subsidy_courses WHERE municipality_code = {municipality} AND program_id = {id};
                DELETE FROM program_budget_lines WHERE municipality_code = {municipality} AND program_id = {id};
                """, ct);
        db.Courses.AddRange(program.Courses.DistinctBy(c => c.CourseId).Select((c, i) => new CourseRow
        {
            MunicipalityCode = municipality, CourseId = c.CourseId, ProgramId = id, Position = i, Name = c.Name, CapYen = c.CapYen,
            OncePerApplicant = c.OncePerApplicant, RoundsPerYear = c.RoundsPerYear,
        }));
        db.ProgramLines.AddRange(program.BudgetLines.GroupBy(l => l.FiscalYear).Select(g => g.Last()).Select(l => new ProgramLineRow
        {
            MunicipalityCode = municipality, ProgramId = id, FiscalYear = l.FiscalYear, BudgetLineId = l.BudgetLineId,
        }));
    }

    private async Task ReplaceGoalItemsAsync(string municipality, PriorityGoalChanged goal, bool replacing, CancellationToken ct)
    {
        var id = goal.GoalId;
        if (replacing)
            await db.Database.ExecuteSqlAsync($"DELETE FROM priority_goal_items WHERE municipality_code = {municipality} AND goal_id = {id}", ct);
        db.PriorityGoalItems.AddRange(goal.Items.Select((item, i) => new PriorityGoalItemRow
        {
            MunicipalityCode = municipality, GoalId = id, Position = i, Number = item.Number, Text = item.Text, Target = item.Target, Achievement = item.Achievement,
        }));
    }
}
