using Kyodo.Reporting;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// A second reporting instance with its own fresh database and RabbitMQ virtual host
/// (<see cref="ReplayedService"/>), fed events by hand as the outbox relays would publish them.
/// </summary>
public sealed class ReplayedReporting : IAsyncDisposable
{
    private readonly ReplayedService _replayed;

    private ReplayedReporting(ReplayedService replayed) => _replayed = replayed;

    public ReportingService.ReportingServiceClient Client => new(_replayed.Service!.Channel);

    /// <summary>Its read-model tables of <paramref name="municipality"/>.</summary>
    public ReadModelSnapshots Snapshots(string municipality) => new(_replayed.Service!.Services, municipality);

    public static async Task<ReplayedReporting> StartAsync() =>
        new(await ReplayedService.StartAsync(ReportingApp.Create, "Reporting", "e2e_replay"));

    /// <summary>
    /// Publishes every event at least twice (every third one three times) in an order shuffled by
    /// <paramref name="seed"/>, then waits until the inbox holds each one it subscribes to.
    /// </summary>
    public async Task DeliverAsync(IReadOnlyList<PublishedEvent> events, int seed)
    {
        var copies = events.SelectMany((e, i) => Enumerable.Repeat(e, i % 3 == 0 ? 3 : 2)).ToArray();
        new Random(seed).Shuffle(copies);
        await _replayed.PublishAsync(copies);
        await PublishedEvents.ConsumedAsync(_replayed.Service!, events);
    }

    public ValueTask DisposeAsync() => _replayed.DisposeAsync();
}
