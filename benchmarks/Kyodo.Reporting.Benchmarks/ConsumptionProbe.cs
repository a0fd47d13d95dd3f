using System.Collections.Concurrent;
using Kyodo.Contracts;
using MassTransit;

namespace Kyodo.Reporting.Benchmarks;

/// <summary>
/// Watches the reporting service's consumers from inside its process: for every event a
/// consumer has finished (its read-model row and inbox claim committed), when that was and how
/// long after the event's OccurredAt (the publishing service's commit time, same clock).
/// </summary>
public sealed class ConsumptionProbe : IConsumeObserver
{
    private readonly ConcurrentQueue<(DateTimeOffset ConsumedAt, double LagMs)> _consumed = new();
    private int _faults;

    public int Count => _consumed.Count;
    public int Faults => _faults;

    public IReadOnlyList<(DateTimeOffset ConsumedAt, double LagMs)> Snapshot() => [.. _consumed];

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is IIntegrationEvent e)
        {
            var now = DateTimeOffset.UtcNow;
            _consumed.Enqueue((now, (now - e.OccurredAt).TotalMilliseconds));
        }
        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        Interlocked.Increment(ref _faults);
        return Task.CompletedTask;
    }
}
