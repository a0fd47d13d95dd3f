using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Base for consumers of one message type whose effect is a database change (see <see cref="Inbox"/>):
/// a re-delivered message changes nothing and a handler that throws leaves nothing behind
/// (the broker then redelivers it, and after the configured retries parks it in the
/// endpoint's error queue).
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db) : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    protected TContext Db { get; } = db;

    /// <summary>Applies the message to the database through <see cref="Db"/>; do not call SaveChanges.</summary>
    protected abstract Task HandleAsync(TMessage message, CancellationToken cancellationToken);

    public Task Consume(ConsumeContext<TMessage> context) =>
        Inbox.ConsumeOnceAsync(Db, context, GetType().Name, ct => HandleAsync(context.Message, ct));
}

/// <summary>
/// The inbox itself: runs a handler at most once per message and consumer. The message id is
/// claimed with INSERT … ON CONFLICT DO NOTHING in the transaction that holds the handler's
/// change; a concurrent copy of the message blocks on that row until the first commits (then
/// it finds the claim and stops) or rolls back (then it goes on).
/// </summary>
public static class Inbox
{
    /// <param name="handle">Changes the database through <paramref name="db"/> without saving.</param>
    public static async Task ConsumeOnceAsync<TContext>(TContext db, ConsumeContext context, string consumer,
        Func<CancellationToken, Task> handle)
        where TContext : DbContext
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A message for {consumer} arrived without a message id; it cannot be de-duplicated.");
        var messageType = context.SupportedMessageTypes.FirstOrDefault() ?? "";
        var receivedAt = DateTimeOffset.UtcNow;
        var cancellationToken = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var claimed = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbox_messages (message_id, consumer, message_type, received_at)
                VALUES ({messageId}, {consumer}, {messageType}, {receivedAt})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
            if (claimed == 0) return; // handled before: a redelivery

            await handle(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
