using System.Collections.Concurrent;
using Kyodo.ServiceDefaults;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.ServiceDefaults.Tests;

// A minimal service built from the same defaults as the real ones, whose consumers make
// every effect countable: each handled message appends one tally row.

/// <summary>A test-only message; <see cref="Key"/> names the tally rows it produces.</summary>
public sealed record Ping(string Key);

/// <summary>A test-only message whose handler writes a row and then throws.</summary>
public sealed record Boom(string Key);

public sealed class TallyRow
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
}

public sealed class MessagingTestContext(DbContextOptions<MessagingTestContext> options) : DbContext(options)
{
    public DbSet<TallyRow> Tally => Set<TallyRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<TallyRow>(e =>
        {
            e.ToTable("tally");
            e.Property(t => t.Id).HasColumnName("id");
            e.Property(t => t.Key).HasColumnName("key");
        });
        model.AddInbox();
        model.AddOutbox();
    }
}

public sealed class PingConsumer(MessagingTestContext db) : IdempotentConsumer<Ping, MessagingTestContext>(db)
{
    protected override Task HandleAsync(Ping message, CancellationToken cancellationToken)
    {
        Db.Tally.Add(new TallyRow { Key = message.Key });
        return Task.CompletedTask;
    }
}

public sealed class BoomConsumer(MessagingTestContext db) : IdempotentConsumer<Boom, MessagingTestContext>(db)
{
    protected override async Task HandleAsync(Boom message, CancellationToken cancellationToken)
    {
        Db.Tally.Add(new TallyRow { Key = message.Key });
        await Db.SaveChangesAsync(cancellationToken); // written inside the transaction …
        throw new InvalidOperationException("the handler fails after writing"); // … and must not survive this
    }
}

/// <summary>Counts finished consume attempts per message id, duplicates included.</summary>
public sealed class ConsumeCounter : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> _done = new();

    public int Count(Guid messageId) => _done.GetValueOrDefault(messageId);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId is { } id) _done.AddOrUpdate(id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

public sealed class MessagingTestFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public TestVirtualHost VirtualHost { get; private set; } = null!;
    public ServiceUnderTest Service { get; private set; } = null!;
    public ConsumeCounter Consumed { get; } = new();

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        Database = await TestDatabase.CreateAsync(infrastructure, "messaging");
        VirtualHost = await TestVirtualHost.CreateAsync(infrastructure, "messaging");
        await using (var db = OpenDatabase()) await db.Database.EnsureCreatedAsync(); // a test schema, no migrations

        var settings = ServiceSettings.For("Messaging", Database, VirtualHost);
        settings["Database:MigrateOnStartup"] = "false";
        Service = await ServiceUnderTest.StartAsync((args, configure) =>
        {
            var builder = WebApplication.CreateBuilder(args);
            configure?.Invoke(builder);
            builder.AddServiceDefaults("messaging-test");
            builder.AddKyodoDatabase<MessagingTestContext>("Messaging");
            builder.AddKyodoMessaging(bus =>
            {
                bus.AddConsumer<PingConsumer>(c => c.ConcurrentMessageLimit = 8);
                bus.AddConsumer<BoomConsumer>();
                bus.AddConsumeObserver(_ => Consumed); // this instance, which the tests read
            });
            builder.AddKyodoOutbox<MessagingTestContext>();
            builder.AddKyodoInbox<MessagingTestContext>();
            var app = builder.Build();
            app.MapServiceDefaults();
            return app;
        }, settings);
    }

    public MessagingTestContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<MessagingTestContext>().UseNpgsql(Database.ConnectionString).Options);

    public async Task DisposeAsync()
    {
        if (Service is not null) await Service.DisposeAsync();
        if (VirtualHost is not null) await VirtualHost.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }
}
