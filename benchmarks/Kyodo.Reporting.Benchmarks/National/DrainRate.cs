namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// Events consumed per second from the moment times: over the whole drain, and past its first
/// fifth. The reporting process drains from a cold start (JIT, EF's model) while plain MassTransit
/// consumes in this warm process, so the whole drain charges reporting its warm-up; the rate past
/// the first fifth is the steady state of both sides.
/// </summary>
public static class DrainRate
{
    public const double Skipped = 0.2;

    public static (double Whole, double Steady) Of(IReadOnlyList<DateTimeOffset> times)
    {
        var sorted = times.Order().ToList();
        var from = (int)(sorted.Count * Skipped);
        return (sorted.Count / (sorted[^1] - sorted[0]).TotalSeconds, (sorted.Count - from) / (sorted[^1] - sorted[from]).TotalSeconds);
    }
}
