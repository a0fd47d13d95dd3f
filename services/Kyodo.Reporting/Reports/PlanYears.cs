using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Reporting.Reports;

/// <summary>The years a plan report shows: the plan's period, or the years asked for when they lie within it.</summary>
internal static class PlanYears
{
    /// <summary>The period when <paramref name="asked"/> is open; else the years asked for, INVALID_ARGUMENT naming each end outside the
    /// period.</summary>
    public static (int From, int To) Within(PlanRow plan, YearRange asked)
    {
        var (start, end) = (plan.StartFiscalYear, plan.EndFiscalYear);
        if (asked.All) return (start, end);
        new RequestValidation()
            .Check(asked.From >= start && asked.From <= end, "fiscal_year_from", ReportingErrors.OutsidePlanPeriod(start, end))
            // to = 0 reads as from: named once
            .Check(asked.To == asked.From || (asked.To >= start && asked.To <= end), "fiscal_year_to",
                ReportingErrors.OutsidePlanPeriod(start, end))
            .ThrowIfInvalid();
        return (asked.From, asked.To);
    }
}
