using Kyodo.Budget.Data;
using Kyodo.Contracts;
using Kyodo.Plan.Data;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.Data;
using Kyodo.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.EndToEnd.Tests;

/// <summary>One event as a service's outbox stored it: its message id, the event, and its contract type.</summary>
public sealed record PublishedEvent(Guid MessageId, IIntegrationEvent Event, Type Type);

/// <summary>The events plan, budget and subsidy published, read from their outbox tables once the relays have sent every row.</summary>
public static class PublishedEvents
{
    /// <summary>The event types reporting subscribes to (its consumers' IConsumer&lt;T&gt;): only these reach its inbox.</summary>
    public static IReadOnlySet<Type> ReportingConsumes { get; } = typeof(Kyodo.Reporting.ReportingApp).Assembly.GetTypes()
        .SelectMany(t => t.GetInterfaces())
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
        .Select(i => i.GetGenericArguments()[0])
        .Where(t => typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToHashSet();

    /// <summary>Every outbox row of the three services that belongs to <paramref name="municipality"/>, in each outbox's order.</summary>
    public static async Task<List<PublishedEvent>> CaptureAsync(SystemFixture system, string municipality) =>
    [
        .. await OutboxAsync<PlanDbContext>(system.Plan, municipality),
        .. await OutboxAsync<BudgetDbContext>(system.Budget, municipality),
        .. await OutboxAsync<SubsidyDbContext>(system.Subsidy, municipality),
    ];

    private static async Task<List<PublishedEvent>> OutboxAsync<TContext>(ServiceUnderTest service, string municipality) where TContext : DbContext
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var scope = service.Services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<TContext>().Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Sequence).ToListAsync();
            Assert.All(rows, r => Assert.Null(r.DeadLetteredAt));
            if (rows.All(r => r.SentAt is not null))
            {
                return rows.Select(r =>
                {
                    var (message, type) = IntegrationEventTypes.Deserialize(r.MessageType, r.Payload);
                    var published = (IIntegrationEvent)message;
                    Assert.Equal(r.MessageId, published.EventId);
                    return new PublishedEvent(r.MessageId, published, type);
                }).Where(e => e.Event.MunicipalityCode == municipality).ToList();
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"{typeof(TContext).Name}: {rows.Count(r => r.SentAt is null)} outbox rows still unsent after 60 s");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until <paramref name="reporting"/>'s inbox holds every event of <paramref name="events"/> it subscribes to.</summary>
    public static async Task ConsumedAsync(ServiceUnderTest reporting, IEnumerable<PublishedEvent> events)
    {
        var ids = events.Where(e => ReportingConsumes.Contains(e.Type)).Select(e => e.MessageId).Distinct().ToList();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using var scope = reporting.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Kyodo.Reporting.Data.ReportingDbContext>();
            var consumed = await db.Set<InboxMessage>().Where(m => ids.Contains(m.MessageId)).Select(m => m.MessageId).Distinct().CountAsync();
            if (consumed == ids.Count) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Reporting consumed {consumed} of {ids.Count} events in 90 s");
            await Task.Delay(200);
        }
    }
}
