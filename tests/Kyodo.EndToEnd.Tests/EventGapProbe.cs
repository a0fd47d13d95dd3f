using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.Gaps;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// What one reporting instance's gap watch says, where an operator would look: its counters (meter
/// Kyodo.Reporting.EventGaps of this instance only), the "event-gaps" entry of its /readyz, and its
/// watermark per publisher.
/// </summary>
public sealed class EventGapProbe : IDisposable
{
    private readonly ServiceUnderTest _reporting;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new();

    public EventGapProbe(ServiceUnderTest reporting)
    {
        _reporting = reporting;
        var factory = reporting.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Other tests' reporting instances in this process publish the same names through their own factories.
            if (instrument.Meter.Name == EventGapStatus.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var publisher = "";
            foreach (var tag in tags) if (tag.Key == "publisher") publisher = tag.Value as string ?? "";
            _sums.AddOrUpdate($"{instrument.Name} {publisher}", value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>The sum a counter recorded for one publisher since this probe started.</summary>
    public long Sum(string instrument, string publisher) => _sums.GetValueOrDefault($"{instrument} {publisher}");

    /// <summary>The "event-gaps" check of /readyz: the HTTP status, its own status and description.</summary>
    public async Task<(int Http, string Status, string Description)> ReadinessAsync()
    {
        var (http, body) = await _reporting.GetHealthAsync("/readyz");
        using var json = JsonDocument.Parse(body);
        var check = json.RootElement.GetProperty("checks").GetProperty("event-gaps");
        return (http, check.GetProperty("status").GetString()!, check.GetProperty("description").GetString()!);
    }

    public async Task<PublisherWatermark?> WatermarkAsync(string publisher)
    {
        await using var scope = _reporting.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return await db.Set<PublisherWatermark>().AsNoTracking().SingleOrDefaultAsync(w => w.Publisher == publisher);
    }

    /// <summary>Settings that turn the watch on against these services, checking every second.</summary>
    public static Dictionary<string, string?> Settings(Uri plan, Uri budget, Uri subsidy, TimeSpan grace) => new()
    {
        ["Services:Plan"] = plan.ToString(),
        ["Services:Budget"] = budget.ToString(),
        ["Services:Subsidy"] = subsidy.ToString(),
        ["Reporting:EventGaps:Interval"] = "00:00:01",
        ["Reporting:EventGaps:Grace"] = grace.ToString("c"),
        // The watch's warning is what the tests read, with the rest of the service's log.
        ["Logging:LogLevel:Kyodo.Reporting.Gaps"] = "Information",
    };

    public void Dispose() => _listener.Dispose();
}
