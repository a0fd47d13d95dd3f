using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Plan.Domain;

/// <summary>
/// A plan's period may shrink only over years its items leave empty: a schedule cell, yearly goal,
/// indicator target or actual in a year the plan would no longer cover would be stranded (item
/// writes refuse such years, reports would drop them). Years outside the old period already
/// (targets printed years ahead, like H34) are not the change's doing and do not block it.
/// </summary>
public static class PlanPeriodChange
{
    public const string Reason = "PLAN_PERIOD_WOULD_STRAND_DATA";
    private const int NamedAtMost = 10;

    /// <summary>
    /// Whether FY<paramref name="start"/>–FY<paramref name="end"/> leaves out a year the plan covers now:
    /// only then can anything be stranded, and only then need its items be read.
    /// </summary>
    public static bool DropsYears(Plan plan, int start, int end) => start > plan.StartFiscalYear || end < plan.EndFiscalYear;

    /// <summary>
    /// FAILED_PRECONDITION naming what of <paramref name="items"/> (the plan's, with their schedules,
    /// goals and indicators) would fall outside FY<paramref name="start"/>–FY<paramref name="end"/>.
    /// </summary>
    public static void EnsureNothingStranded(Plan plan, int start, int end, IEnumerable<Item> items)
    {
        if (!DropsYears(plan, start, end)) return; // nothing dropped
        bool Dropped(int year) => plan.Covers(year) && (year < start || year > end);

        var stranded = new List<Text>();
        var years = new SortedSet<int>();
        foreach (var item in items)
        {
            void Add(Text what, int year)
            {
                years.Add(year);
                stranded.Add(PlanErrors.Stranded(what, year, item.Title));
            }
            foreach (var year in item.Schedule.Select(c => c.FiscalYear).Where(Dropped).Distinct().Order())
                Add(PlanErrors.StrandedSchedule, year);
            foreach (var goal in item.YearlyGoals.Where(g => Dropped(g.FiscalYear))) Add(PlanErrors.StrandedYearlyGoal, goal.FiscalYear);
            foreach (var indicator in item.Indicators)
            {
                foreach (var target in indicator.Targets.Where(t => Dropped(t.FiscalYear)))
                    Add(PlanErrors.StrandedTarget(indicator.Name), target.FiscalYear);
                foreach (var actual in indicator.Actuals.Where(a => Dropped(a.FiscalYear)))
                    Add(PlanErrors.StrandedActual(indicator.Name), actual.FiscalYear);
            }
        }
        if (stranded.Count == 0) return;

        throw new DomainRuleException(Reason, PlanErrors.PeriodWouldStrand(start, end, stranded, NamedAtMost),
            new Dictionary<string, string>
            {
                ["fiscal_years"] = string.Join(",", years),
                ["stranded_count"] = stranded.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
    }
}
