using System.Diagnostics;
using System.Reflection;
using Kyodo.Testing;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// Publishes events onto a virtual host as the services' outbox relays would (each as its contract
/// type, its event id as message id), either at a steady rate (event k due at start + k / rate;
/// OccurredAt = when it is sent, so lag counts from publication) or all at once.
/// </summary>
public static class PacedPublisher
{
    private static readonly MethodInfo Publish = typeof(TestPublisher).GetMethod(nameof(TestPublisher.PublishAsync))!;

    /// <summary>Sends events at <paramref name="perSecond"/> while <paramref name="sends"/>(k) holds for the next one's number k
    /// (asked in order, once each; the first false ends it); returns the rate achieved and how far behind schedule the last one
    /// was.</summary>
    public static async Task<(double PerSecond, double BehindMs)> AtRateAsync(TestVirtualHost vhost,
        Func<DateTimeOffset, PublishedEvent> next, Func<int, bool> sends, double perSecond, CancellationToken ct)
    {
        await using var publisher = await TestPublisher.StartAsync(vhost);
        var began = Stopwatch.GetTimestamp();
        var gate = new object();
        var (sent, done) = (0, false);
        var (lastSent, behind) = (-1, 0.0); // how late the last one sent was
        // A few senders: one publish with confirms takes about a millisecond, two per due slot at 500/s.
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (_, token) =>
        {
            while (true)
            {
                int k;
                lock (gate)
                {
                    done = done || !sends(sent);
                    if (done) return;
                    k = sent++;
                }
                var due = TimeSpan.FromSeconds(k / perSecond) - Stopwatch.GetElapsedTime(began);
                if (due > TimeSpan.Zero) await Task.Delay(due, token);
                PublishedEvent e;
                lock (gate) e = next(DateTimeOffset.UtcNow); // the generator is not thread-safe
                await (Task)Publish.MakeGenericMethod(e.Type).Invoke(publisher, [e.Event, e.MessageId])!;
                lock (gate)
                    if (k > lastSent) (lastSent, behind) = (k, -due.TotalMilliseconds);
            }
        });
        return (sent / Stopwatch.GetElapsedTime(began).TotalSeconds, Math.Max(0, behind));
    }

    /// <summary>Sends them all, up to 64 at a time; returns how long it took.</summary>
    public static async Task<TimeSpan> AllAsync(TestVirtualHost vhost, IReadOnlyList<PublishedEvent> events, CancellationToken ct)
    {
        await using var publisher = await TestPublisher.StartAsync(vhost);
        var began = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (e, _) => await (Task)Publish.MakeGenericMethod(e.Type).Invoke(publisher, [e.Event, e.MessageId])!);
        return Stopwatch.GetElapsedTime(began);
    }
}
