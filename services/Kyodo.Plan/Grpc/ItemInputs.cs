using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Plan.Grpc;

/// <summary>The indicator a request describes, read and checked.</summary>
internal sealed record IndicatorDraft(
    Domain.IndicatorKind Kind,
    string Name,
    string Unit,
    Domain.IndicatorDirection Direction,
    decimal? BaselineValue,
    int? BaselineFiscalYear,
    IReadOnlyList<(int FiscalYear, decimal Value)> Targets,
    IReadOnlyList<(int FiscalYear, decimal Value)> Actuals);

/// <summary>A schedule as requests describe it: rows of (fiscal year, stages) cells.</summary>
internal sealed record ScheduleDraft(
    IReadOnlyList<(string Label, IReadOnlyList<(int FiscalYear, IReadOnlyList<string> Stages)> Cells)> Rows);

/// <summary>
/// Reads the item parts of requests into domain values, recording every bad field (with its
/// path, e.g. "items[3].fields.title") rather than stopping at the first.
/// </summary>
internal static class ItemInputs
{
    private const int LongText = 20_000;

    public static (Domain.ItemContent Content,
        IReadOnlyList<string> Departments) ReadFields(V1.ItemFields? f, RequestValidation v, string path)
    {
        if (f is null)
        {
            v.Check(false, path, SharedMessages.Required);
            return (Empty, []);
        }
        v.Required(f.Title, $"{path}.title").MaxLength(f.Title, 500, $"{path}.title");
        var departments = f.Departments.Select(d => d.Trim()).ToList();
        for (var i = 0; i < departments.Count; i++)
            v.Required(departments[i], $"{path}.departments[{i}]").MaxLength(departments[i], 100, $"{path}.departments[{i}]");
        v.Check(departments.Distinct().Count() == departments.Count, $"{path}.departments", PlanErrors.DepartmentTwice);
        v.Check(f.TargetStakeholders.All(s => s != V1.Stakeholder.Unspecified && Enum.IsDefined(s)), $"{path}.target_stakeholders",
            PlanErrors.StakeholderCategories);
        v.Check(Enum.IsDefined(f.Novelty), $"{path}.novelty", SharedMessages.NotAValueOf("ItemNovelty"))
            .Check(Enum.IsDefined(f.MayoralPledge), $"{path}.mayoral_pledge", SharedMessages.NotAValueOf("MayoralPledge"));
        for (var i = 0; i < f.ImplementingBodies.Count; i++) v.MaxLength(f.ImplementingBodies[i], 200, $"{path}.implementing_bodies[{i}]");
        for (var i = 0; i < f.LinkedPlans.Count; i++) v.MaxLength(f.LinkedPlans[i], 300, $"{path}.linked_plans[{i}]");
        v.Check(f.TargetOther.Length == 0 || f.TargetStakeholders.Contains(V1.Stakeholder.Other), $"{path}.target_other",
            PlanErrors.TargetOtherNeedsOther);
        foreach (var (text, name) in new[]
                 {
                     (f.Purpose, "purpose"), (f.CurrentState, "current_state"), (f.Content, "content"),
                     (f.CompletionCriterion, "completion_criterion"), (f.ExpectedEffects, "expected_effects"),
                     (f.SpecialNotes, "special_notes"), (f.TargetOther, "target_other"),
                 })
        {
            v.MaxLength(text, LongText, $"{path}.{name}");
        }
        if (f.Rank is { } rank)
            v.Check(rank.Of >= 1 && rank.Rank >= 1 && rank.Rank <= rank.Of, $"{path}.rank", PlanErrors.Rank);

        var goals = new List<Domain.YearlyGoal>();
        for (var i = 0; i < f.YearlyGoals.Count; i++)
        {
            var year = v.FiscalYear(f.YearlyGoals[i].FiscalYear, $"{path}.yearly_goals[{i}].fiscal_year");
            v.MaxLength(f.YearlyGoals[i].Text, LongText, $"{path}.yearly_goals[{i}].text");
            goals.Add(new Domain.YearlyGoal(year, f.YearlyGoals[i].Text));
        }
        v.Check(goals.Select(g => g.FiscalYear).Distinct().Count() == goals.Count, $"{path}.yearly_goals", SharedMessages.FiscalYearTwice);

        var content = new Domain.ItemContent(
            f.Title.Trim(),
            (Domain.ItemNovelty)f.Novelty,
            f.ImplementingBodies.Select(b => b.Trim()).Where(b => b.Length > 0).ToList(),
            f.TargetStakeholders.Where(s => s != V1.Stakeholder.Unspecified).Select(s => (Domain.Stakeholder)s).ToList(),
            f.TargetOther.Trim(),
            f.Purpose, f.CurrentState, f.Content, f.CompletionCriterion, f.ExpectedEffects,
            f.Rank is { } r ? new Domain.RankWithinMeasure(r.Rank, r.Of) : null,
            (Domain.MayoralPledge)f.MayoralPledge,
            f.LinkedPlans.Select(p => p.Trim()).Where(p => p.Length > 0).ToList(),
            goals,
            f.SpecialNotes);
        return (content, departments);
    }

    public static ScheduleDraft ReadSchedule(IReadOnlyList<V1.ScheduleRowInput> rows, RequestValidation v, string path)
    {
        var result = new List<(string, IReadOnlyList<(int, IReadOnlyList<string>)>)>();
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = new List<(int, IReadOnlyList<string>)>();
            for (var c = 0; c < rows[r].Cells.Count; c++)
            {
                var cell = rows[r].Cells[c];
                var year = v.FiscalYear(cell.FiscalYear, $"{path}[{r}].cells[{c}].fiscal_year");
                v.MaxLength(cell.Text, 200, $"{path}[{r}].cells[{c}].text");
                cells.Add((year, Domain.ScheduleStages.Parse(cell.Text)));
            }
            v.Check(cells.Select(x => x.Item1).Distinct().Count() == cells.Count, $"{path}[{r}].cells", SharedMessages.FiscalYearTwice);
            v.MaxLength(rows[r].Label, 500, $"{path}[{r}].label");
            result.Add((rows[r].Label.Trim(), cells));
        }
        return new ScheduleDraft(result);
    }

    public static IndicatorDraft ReadIndicator(V1.IndicatorInput? input, RequestValidation v, string path)
    {
        if (input is null)
        {
            v.Check(false, path, SharedMessages.Required);
            return new IndicatorDraft(Domain.IndicatorKind.Activity, "", "", Domain.IndicatorDirection.HigherIsBetter, null, null, [], []);
        }
        v.Check(input.Kind != V1.IndicatorKind.Unspecified && Enum.IsDefined(input.Kind), $"{path}.kind", PlanErrors.IndicatorKindRequired);
        v.Check(input.Direction != V1.IndicatorDirection.Unspecified && Enum.IsDefined(input.Direction), $"{path}.direction",
            PlanErrors.IndicatorDirectionRequired);
        v.Required(input.Name, $"{path}.name").MaxLength(input.Name, 300, $"{path}.name");
        v.MaxLength(input.Unit, 50, $"{path}.unit");
        var baseline = v.OptionalDecimal(input.BaselineValue, $"{path}.baseline_value");
        var baselineYear = v.OptionalFiscalYear(input.BaselineFiscalYear, $"{path}.baseline_fiscal_year");
        return new IndicatorDraft(
            (Domain.IndicatorKind)input.Kind, input.Name.Trim(), input.Unit.Trim(), (Domain.IndicatorDirection)input.Direction,
            baseline, baselineYear,
            ReadYearValues(input.Targets, v, $"{path}.targets"),
            ReadYearValues(input.Actuals, v, $"{path}.actuals"));
    }

    private static IReadOnlyList<(int, decimal)> ReadYearValues(IReadOnlyList<V1.YearValueInput> values, RequestValidation v, string path)
    {
        var result = values.Select(
            (x, i) => (v.FiscalYear(x.FiscalYear, $"{path}[{i}].fiscal_year"), v.Decimal(x.Value, $"{path}[{i}].value"))).ToList();
        v.Check(result.Select(x => x.Item1).Distinct().Count() == result.Count, path, SharedMessages.FiscalYearTwice);
        return result;
    }

    private static readonly Domain.ItemContent Empty = new("", Domain.ItemNovelty.Unspecified, [], [], "", "", "", "", "", "", null,
        Domain.MayoralPledge.Unspecified, [], [], "");
}
