using Kyodo.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Messaging;

public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Queues an integration event in the outbox. It is stored by the same SaveChanges (and
    /// so the same transaction) as the change it describes, and published after commit.
    /// </summary>
    public static void AddIntegrationEvent(this DbContext db, IIntegrationEvent message) =>
        db.Set<OutboxMessage>().Add(new OutboxMessage(
            message.EventId,
            IntegrationEventTypes.NameOf(message),
            IntegrationEventTypes.Serialize(message),
            message.OccurredAt,
            OutboxTracing.CurrentTraceParent()));
}
