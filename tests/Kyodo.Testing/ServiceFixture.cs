using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Kyodo.Testing;

/// <summary>
/// One service on real ports for a test class: its own fresh database and virtual host,
/// and a probe listening for the events the class expects it to publish.
/// </summary>
public abstract class ServiceFixture<TContext> : IAsyncLifetime where TContext : DbContext
{
    public TestDatabase Database { get; private set; } = null!;
    public TestVirtualHost VirtualHost { get; private set; } = null!;
    public ServiceUnderTest Service { get; private set; } = null!;
    public EventProbe Events { get; private set; } = null!;

    /// <summary>Short name used in database and virtual-host names ("plan").</summary>
    protected abstract string Name { get; }

    /// <summary>The key of the service's connection string ("Plan" for ConnectionStrings:Plan).</summary>
    protected abstract string ConnectionName { get; }

    /// <summary>The service's XxxApp.Create.</summary>
    protected abstract WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure);

    /// <summary>Event types the probe listens for.</summary>
    protected virtual Type[] ObservedEvents => [];

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        Database = await TestDatabase.CreateAsync(infrastructure, Name);
        VirtualHost = await TestVirtualHost.CreateAsync(infrastructure, Name);
        Events = await EventProbe.StartAsync(VirtualHost, ObservedEvents);
        Service = await ServiceUnderTest.StartAsync(Create, ServiceSettings.For(ConnectionName, Database, VirtualHost));
    }

    /// <summary>A context on the service's database, to check what is really stored.</summary>
    public TContext OpenDatabase() =>
        (TContext)Activator.CreateInstance(typeof(TContext),
            new DbContextOptionsBuilder<TContext>().UseNpgsql(Database.ConnectionString).Options)!;

    // xunit calls this even when InitializeAsync failed half-way: dispose what exists.
    public async Task DisposeAsync()
    {
        if (Service is not null) await Service.DisposeAsync();
        if (Events is not null) await Events.DisposeAsync();
        if (VirtualHost is not null) await VirtualHost.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }
}
