using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kyodo.Reporting.Gaps;

/// <summary>One outbox row reporting should hold and does not.</summary>
public sealed record MissingEvent(long Sequence, Guid EventId, string EventType, string MunicipalityCode);

/// <summary>
/// What the gap watch last found, per publisher, as the readiness check <c>event-gaps</c> and the
/// meter <c>Kyodo.Reporting.EventGaps</c> report it. Degraded, never Unhealthy, while events are
/// missing and not yet repaired: the reports are still right for everything else, and taking
/// reporting out of rotation would neither repair nor reveal more; a repair that keeps failing
/// (a publisher away) must not make reporting unready for ever. A repair stays in the description
/// for <see cref="RememberRepairs"/>, so an operator sees what went missing after the fact; so does a range of
/// sequences a publisher pruned from its outbox before they were checked (<see cref="Unchecked"/>), which only a
/// rebuild can settle and which does not make reporting less ready either.
/// </summary>
public sealed class EventGapStatus : IHealthCheck
{
    public const string MeterName = "Kyodo.Reporting.EventGaps";
    public static readonly TimeSpan RememberRepairs = TimeSpan.FromHours(24);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Publisher> _publishers = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly Counter<long> _missing;
    private readonly Counter<long> _repaired;
    private readonly Counter<long> _unchecked;

    public EventGapStatus(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName); // the factory owns and disposes it
        _missing = meter.CreateCounter<long>("kyodo.reporting.events.missing", "{event}",
            "Events a publisher's outbox says it published that reporting never received (after the grace period)");
        _repaired = meter.CreateCounter<long>("kyodo.reporting.events.repaired", "{event}",
            "Missing events whose records reporting rebuilt from the publisher");
        _unchecked = meter.CreateCounter<long>("kyodo.reporting.sequences.unchecked", "{sequence}",
            "Outbox sequences a publisher pruned before reporting checked them: an event among them that never arrived cannot be found");
        meter.CreateObservableGauge("kyodo.reporting.events.unrepaired", Unrepaired, "{event}",
            "Missing events not repaired yet");
    }

    /// <summary>Events found missing; counted once each, however many rounds their repair takes.</summary>
    public void Found(string publisher, IReadOnlyList<MissingEvent> missing)
    {
        lock (_gate)
        {
            var state = Of(publisher);
            var added = missing.Count(m => state.Open.TryAdd(m.Sequence, m));
            if (added > 0) _missing.Add(added, new KeyValuePair<string, object?>("publisher", publisher));
        }
    }

    public void Repaired(string publisher, IReadOnlyList<MissingEvent> repaired)
    {
        lock (_gate)
        {
            var state = Of(publisher);
            foreach (var m in repaired) state.Open.Remove(m.Sequence);
            state.LastRepair = (_clock.GetUtcNow(), repaired);
            state.RepairError = null;
        }
        _repaired.Add(repaired.Count, new KeyValuePair<string, object?>("publisher", publisher));
    }

    /// <summary>Sequences <paramref name="from"/> to <paramref name="through"/> of <paramref name="publisher"/> were pruned from its
    /// outbox before they were checked (each reported once: PublisherWatermark.UncheckedThrough).</summary>
    public void Unchecked(string publisher, long from, long through)
    {
        _unchecked.Add(through - from + 1, new KeyValuePair<string, object?>("publisher", publisher));
        lock (_gate)
        {
            var state = Of(publisher);
            var now = _clock.GetUtcNow();
            // A range continuing the one still shown extends it; any other replaces it.
            if (state.Unchecked is { } shown && shown.Through + 1 == from && now - shown.At < RememberRepairs) from = shown.From;
            state.Unchecked = (from, through, now);
        }
    }

    public void RepairFailed(string publisher, string error)
    {
        lock (_gate) Of(publisher).RepairError = error;
    }

    public void Checked(string publisher, long checkedThrough)
    {
        lock (_gate)
        {
            var state = Of(publisher);
            state.CheckedThrough = checkedThrough;
            state.CheckError = null;
        }
    }

    public void CheckFailed(string publisher, string error)
    {
        lock (_gate) Of(publisher).CheckError = error;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var parts = _publishers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Describe(p.Key, p.Value, now)).ToList();
            var description = parts.Count == 0 ? "no publisher checked yet" : string.Join("; ", parts);
            return Task.FromResult(_publishers.Values.Any(p => p.Open.Count > 0)
                ? HealthCheckResult.Degraded("events missing: " + description)
                : HealthCheckResult.Healthy(description));
        }
    }

    private static string Describe(string name, Publisher state, DateTimeOffset now)
    {
        var text = $"{name} checked through sequence {state.CheckedThrough}";
        if (state.Open.Count > 0)
            text += $", missing {Sequences(state.Open.Values)}"
                + (state.RepairError is { } e ? $" (repair failed: {e}; retrying)" : " (repairing)");
        if (state.LastRepair is { } last && now - last.At < RememberRepairs)
            text += $", repaired {Sequences(last.Events)} at {last.At:yyyy-MM-ddTHH:mm:ssZ}";
        if (state.Unchecked is { } pruned && now - pruned.At < RememberRepairs)
            text += $", sequences {pruned.From}–{pruned.Through} pruned before they were checked (found {pruned.At:yyyy-MM-ddTHH:mm:ssZ}; "
                + "a rebuild settles them)";
        if (state.CheckError is { } check) text += $", not checked: {check}";
        return text;
    }

    /// <summary>"sequences 12 (Kyodo.Contracts.Plan.ItemUpdated, 20208), 13 (…)".</summary>
    public static string Sequences(IEnumerable<MissingEvent> events) =>
        "sequences "
            + string.Join(", ", events.OrderBy(m => m.Sequence).Select(m => $"{m.Sequence} ({m.EventType}, {m.MunicipalityCode})"));

    private IEnumerable<Measurement<long>> Unrepaired()
    {
        lock (_gate)
            return _publishers.Select(p => new Measurement<long>(p.Value.Open.Count, new KeyValuePair<string, object?>("publisher", p.Key)))
                .ToList();
    }

    private Publisher Of(string name)
    {
        if (!_publishers.TryGetValue(name, out var state)) _publishers[name] = state = new Publisher();
        return state;
    }

    private sealed class Publisher
    {
        public long CheckedThrough;
        public readonly SortedDictionary<long, MissingEvent> Open = [];
        public (DateTimeOffset At, IReadOnlyList<MissingEvent> Events)? LastRepair;
        public (long From, long Through, DateTimeOffset At)? Unchecked;
        public string? RepairError;
        public string? CheckError;
    }
}
