using System.Reflection;
using Kyodo.Contracts;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.Testing;

/// <summary>
/// What services under test published and consumed, read from their own outbox and inbox tables:
/// every event exactly as its relay sent it (so it can be delivered again elsewhere), and whether
/// a consumer has handled a set of events.
/// </summary>
public static class Outboxes
{
    /// <summary>
    /// Every outbox row of the <paramref name="context"/> (a DbContext type) in <paramref name="service"/>
    /// that belongs to <paramref name="municipality"/>, in the outbox's order, once its relay has sent
    /// every row (waiting up to <paramref name="timeout"/>).
    /// </summary>
    public static async Task<List<PublishedEvent>> CaptureAsync(ServiceUnderTest service, Type context, string municipality,
        TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var scope = service.Services.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(context);
            var rows = await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Sequence).ToListAsync();
            if (rows.FirstOrDefault(r => r.DeadLetteredAt is not null) is { } dead)
                throw new InvalidOperationException(
                    $"{context.Name}: outbox row {dead.MessageId} ({dead.MessageType}) was set aside as unpublishable");
            if (rows.All(r => r.SentAt is not null))
            {
                return rows.Select(r =>
                {
                    var (message, type) = IntegrationEventTypes.Deserialize(r.MessageType, r.Payload);
                    var published = (IIntegrationEvent)message;
                    if (published.EventId != r.MessageId)
                        throw new InvalidOperationException(
                            $"{context.Name}: outbox row {r.MessageId} carries event id {published.EventId}");
                    return new PublishedEvent(r.MessageId, published, type);
                }).Where(e => e.Event.MunicipalityCode == municipality).ToList();
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(
                    $"{context.Name}: {rows.Count(r => r.SentAt is null)} outbox rows still unsent after {timeout.TotalSeconds:F0} s");
            await Task.Delay(200);
        }
    }

    /// <summary>The event types the consumers of <paramref name="consumers"/> subscribe to (their IConsumer&lt;T&gt;): only these reach its
    /// inbox.</summary>
    public static IReadOnlySet<Type> ConsumedBy(Assembly consumers) => consumers.GetTypes()
        .SelectMany(t => t.GetInterfaces())
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
        .Select(i => i.GetGenericArguments()[0])
        .Where(t => typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToHashSet();

    /// <summary>Waits (up to <paramref name="timeout"/>) until the inbox of <paramref name="context"/> in <paramref name="consumer"/> holds
    /// every one of <paramref name="messageIds"/>.</summary>
    public static async Task ConsumedAsync(ServiceUnderTest consumer, Type context, IEnumerable<Guid> messageIds, TimeSpan timeout)
    {
        var ids = messageIds.Distinct().ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var scope = consumer.Services.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(context);
            var consumed =
                await db.Set<InboxMessage>().Where(m => ids.Contains(m.MessageId)).Select(m => m.MessageId).Distinct().CountAsync();
            if (consumed == ids.Count) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{context.Name}: {consumed} of {ids.Count} events consumed after {timeout.TotalSeconds:F0} s");
            await Task.Delay(200);
        }
    }
}
