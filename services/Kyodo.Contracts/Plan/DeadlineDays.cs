namespace Kyodo.Contracts.Plan;

/// <summary>
/// Reporting deadlines are days in Japan (UTC+9, no daylight saving): a due date ends at midnight
/// JST and has passed from the next day on. Plan's deadline check and ListOverdueActuals, and
/// reporting's overdue figures, judge by this one rule, so a city sees one answer everywhere.
/// </summary>
public static class DeadlineDays
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    /// <summary>A deadline due on <paramref name="dueDate"/> has passed on <paramref name="today"/> (a date in Japan time).</summary>
    public static bool HasPassed(DateOnly dueDate, DateOnly today) => today > dueDate;
}
