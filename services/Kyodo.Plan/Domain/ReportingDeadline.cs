namespace Kyodo.Plan.Domain;

/// <summary>
/// The last day (Japan time) by which a plan's actuals of one fiscal year are to be approved.
/// Once the day has passed, the deadline check looks for actuals still missing once
/// (<see cref="CheckedAt"/>); a new due date is a new deadline and is checked again.
/// </summary>
public sealed class ReportingDeadline
{
    public Guid PlanId { get; private set; }
    public int FiscalYear { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public DateOnly DueDate { get; private set; }
    public string SetBy { get; private set; } = "";
    public DateTimeOffset SetAt { get; private set; }
    public DateTimeOffset? CheckedAt { get; private set; }
    public int Revision { get; private set; }

    private ReportingDeadline() { }

    public ReportingDeadline(Guid planId, int fiscalYear, string municipalityCode)
    {
        PlanId = planId;
        FiscalYear = fiscalYear;
        MunicipalityCode = municipalityCode;
    }

    public void Set(DateOnly dueDate, string by, DateTimeOffset at)
    {
        if (dueDate != DueDate) CheckedAt = null;
        DueDate = dueDate;
        (SetBy, SetAt) = (by, at);
        Revision++;
    }

    /// <summary>The deadline has passed on <paramref name="today"/> (a date in Japan time).</summary>
    public bool HasPassed(DateOnly today) => Kyodo.Contracts.Plan.DeadlineDays.HasPassed(DueDate, today);

    public void MarkChecked(DateTimeOffset at) => CheckedAt = at;
}
