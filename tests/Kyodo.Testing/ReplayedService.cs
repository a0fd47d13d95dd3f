using System.Reflection;
using Microsoft.AspNetCore.Builder;

namespace Kyodo.Testing;

/// <summary>
/// A fresh instance of a consuming service (reporting) with its own database and RabbitMQ virtual
/// host, fed events by hand as the outbox relays would publish them (each with its own message
/// id). It can be stopped and started again on the same database and virtual host: its queues stay
/// bound meanwhile, so what is published in between waits for it as a backlog.
/// </summary>
public sealed class ReplayedService : IAsyncDisposable
{
    private static readonly MethodInfo Publish = typeof(TestPublisher).GetMethod(nameof(TestPublisher.PublishAsync))!;

    private readonly Func<string[], Action<WebApplicationBuilder>?, WebApplication> _create;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public TestDatabase Database { get; }
    public TestVirtualHost VirtualHost { get; }

    /// <summary>The running instance; null while stopped.</summary>
    public ServiceUnderTest? Service { get; private set; }

    private ReplayedService(Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
        IReadOnlyDictionary<string, string?> settings, TestDatabase database, TestVirtualHost virtualHost) =>
        (_create, _settings, Database, VirtualHost) = (create, settings, database, virtualHost);

    /// <summary>
    /// Creates the database and virtual host and starts the service on them (so its queues are bound
    /// before anything is published): <paramref name="create"/> is its XxxApp.Create, <paramref name="settings"/>
    /// its configuration for them (by default <see cref="ServiceSettings.For(string, TestDatabase, TestVirtualHost)"/>).
    /// </summary>
    public static async Task<ReplayedService> StartAsync(Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
        string connectionName,
        string prefix, Func<TestDatabase, TestVirtualHost, Dictionary<string, string?>>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        TestDatabase? database = null;
        TestVirtualHost? virtualHost = null;
        try
        {
            database = await TestDatabase.CreateAsync(infrastructure, prefix);
            virtualHost = await TestVirtualHost.CreateAsync(infrastructure, prefix.Replace('_', '-'));
            var replayed = new ReplayedService(create,
                (settings ?? ((d, v) => ServiceSettings.For(connectionName, d, v)))(database, virtualHost), database, virtualHost);
            await replayed.ResumeAsync(configure);
            return replayed;
        }
        catch
        {
            // Nothing left behind when the service does not start.
            if (virtualHost is not null) await virtualHost.DisposeAsync();
            if (database is not null) await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the instance; its database, virtual host and queues stay.</summary>
    public async Task StopAsync()
    {
        if (Service is { } running) await running.DisposeAsync();
        Service = null;
    }

    /// <summary>Starts an instance again on the same database and virtual host (<paramref name="configure"/> as for its first
    /// start).</summary>
    public async Task ResumeAsync(Action<WebApplicationBuilder>? configure = null)
    {
        if (Service is not null) throw new InvalidOperationException("The replayed service is running already.");
        Service = await ServiceUnderTest.StartAsync(_create, _settings, configure: configure);
    }

    /// <summary>Publishes <paramref name="events"/> in the order given, each as its own contract type (which the consumers subscribe to),
    /// up to <paramref name="inFlight"/> at a time.</summary>
    public async Task PublishAsync(IEnumerable<PublishedEvent> events, int inFlight = 1)
    {
        await using var publisher = await TestPublisher.StartAsync(VirtualHost);
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = inFlight },
            async (e, _) => await (Task)Publish.MakeGenericMethod(e.Type).Invoke(publisher, [e.Event, e.MessageId])!);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await VirtualHost.DisposeAsync();
        await Database.DisposeAsync();
    }
}
