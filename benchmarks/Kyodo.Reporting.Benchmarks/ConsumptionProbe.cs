using System.Collections.Concurrent;
using Kyodo.Contracts;
using MassTransit;

namespace Kyodo.Reporting.Benchmarks;

/// <summary>
/// Watches the reporting service's consumers from inside its process: for every event a
/// consumer has finished (its read-model row and inbox claim committed), when that was and how
/// long after the event's OccurredAt (the publishing service's commit time, same clock), split
/// into the time until the outbox relay published it (the message's SentTime) and the time from
/// publication until the read model held it (queueing in RabbitMQ plus the consumer's work).
/// </summary>
public sealed class ConsumptionProbe : IConsumeObserver
{
    private readonly ConcurrentQueue<Consumed> _consumed = new();
    private int _faults;

    public int Count => _consumed.Count;
    public int Faults => _faults;

    public IReadOnlyList<Consumed> Snapshot() => [.. _consumed];

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is IIntegrationEvent e)
        {
            var now = DateTimeOffset.UtcNow;
            var sent = context.SentTime is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : e.OccurredAt;
            _consumed.Enqueue(new Consumed(now, (now - e.OccurredAt).TotalMilliseconds, (sent - e.OccurredAt).TotalMilliseconds,
                (now - sent).TotalMilliseconds, context.ReceiveContext.ElapsedTime.TotalMilliseconds));
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

/// <summary>One consumed event: when, and its lag in total, until published, from publication, and inside the consumer (received to
/// committed).</summary>
public sealed record Consumed(DateTimeOffset At, double LagMs, double UntilPublishedMs, double SincePublishedMs, double InConsumerMs);
