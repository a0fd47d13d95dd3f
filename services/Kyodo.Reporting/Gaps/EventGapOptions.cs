namespace Kyodo.Reporting.Gaps;

/// <summary>
/// How reporting looks for events it never received (section <c>Reporting:EventGaps</c>; decision 039).
/// It needs Services:Plan, Services:Budget and Services:Subsidy, as the rebuild does.
/// </summary>
public sealed class EventGapOptions
{
    public const string Section = "Reporting:EventGaps";

    /// <summary>Off: nothing is checked (the rebuild command stays the only repair).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each publisher's outbox is compared with the inbox.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after the broker took an event reporting may still be consuming it (a queue
    /// draining after an outage, consumer retries) before its absence counts as a loss.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Outbox rows asked for per call.</summary>
    public int PageSize { get; set; } = 500;
}
