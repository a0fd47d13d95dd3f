namespace Kyodo.ServiceDefaults.Data;

public static class TimeProviderExtensions
{
    /// <summary>
    /// Now, in UTC, cut to whole microseconds: what PostgreSQL's timestamptz keeps. A write
    /// answers with the same instant a later read returns, and events carry it too.
    /// </summary>
    public static DateTimeOffset GetUtcNowForStorage(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
