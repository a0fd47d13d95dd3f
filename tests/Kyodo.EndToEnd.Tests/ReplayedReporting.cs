using System.Reflection;
using Kyodo.Reporting;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// A second reporting instance with its own fresh database and RabbitMQ virtual host, fed events
/// by hand as the outbox relays would publish them (each with its own message id).
/// </summary>
public sealed class ReplayedReporting : IAsyncDisposable
{
    private static readonly MethodInfo Publish = typeof(TestPublisher).GetMethod(nameof(TestPublisher.PublishAsync))!;

    private readonly TestDatabase _database;
    private readonly TestVirtualHost _virtualHost;
    private readonly ServiceUnderTest _service;

    private ReplayedReporting(TestDatabase database, TestVirtualHost virtualHost, ServiceUnderTest service) =>
        (_database, _virtualHost, _service) = (database, virtualHost, service);

    public ReportingService.ReportingServiceClient Client => new(_service.Channel);

    public static async Task<ReplayedReporting> StartAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var database = await TestDatabase.CreateAsync(infrastructure, "e2e_replay");
        var virtualHost = await TestVirtualHost.CreateAsync(infrastructure, "replay");
        // Started (and so its queues bound) before anything is published to its virtual host.
        var service = await ServiceUnderTest.StartAsync(ReportingApp.Create, ServiceSettings.For("Reporting", database, virtualHost));
        return new ReplayedReporting(database, virtualHost, service);
    }

    /// <summary>
    /// Publishes every event at least twice (every third one three times) in an order shuffled by
    /// <paramref name="seed"/>, then waits until the inbox holds each one it subscribes to.
    /// </summary>
    public async Task DeliverAsync(IReadOnlyList<PublishedEvent> events, int seed)
    {
        var copies = events.SelectMany((e, i) => Enumerable.Repeat(e, i % 3 == 0 ? 3 : 2)).ToArray();
        new Random(seed).Shuffle(copies);
        await using (var publisher = await TestPublisher.StartAsync(_virtualHost))
            foreach (var copy in copies) // as its own contract type, which the consumers subscribe to
                await (Task)Publish.MakeGenericMethod(copy.Type).Invoke(publisher, [copy.Event, copy.MessageId])!;
        await PublishedEvents.ConsumedAsync(_service, events);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }
}
