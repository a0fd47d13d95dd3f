namespace Kyodo.Plan.Deadlines;

/// <summary>Deadlines are days in Japan (UTC+9, no daylight saving): a due date ends at midnight JST.</summary>
public static class JapanDate
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);
}
