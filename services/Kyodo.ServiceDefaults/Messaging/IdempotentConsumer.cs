using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Base for consumers whose effect is a database change. The inbox row keyed by the message
/// id and the change commit in one transaction, so a re-delivered message changes nothing
/// and a handler that throws leaves nothing behind (the broker then redelivers it, and
/// after the configured retries parks it in the endpoint's error queue).
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db) : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    protected TContext Db { get; } = db;

    /// <summary>Applies the message to the database through <see cref="Db"/>; do not call SaveChanges.</summary>
    protected abstract Task HandleAsync(TMessage message, CancellationToken cancellationToken);

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; it cannot be de-duplicated.");
        var consumer = GetType().Name;
        var messageType = typeof(TMessage).FullName!;
        var receivedAt = DateTimeOffset.UtcNow;
        var cancellationToken = context.CancellationToken;

        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // Claim the message first. A concurrent delivery of the same message blocks here
            // until the first commits (then we insert nothing and stop) or rolls back (then we go on).
            var claimed = await Db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbox_messages (message_id, consumer, message_type, received_at)
                VALUES ({messageId}, {consumer}, {messageType}, {receivedAt})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
            if (claimed == 0) return; // handled before: a redelivery

            await HandleAsync(context.Message, cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            Db.ChangeTracker.Clear();
        }
    }
}
