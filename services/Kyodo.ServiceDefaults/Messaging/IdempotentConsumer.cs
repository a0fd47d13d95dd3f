using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Base for consumers whose effect is a database change. The change and an inbox row keyed
/// by the message id commit in one transaction, so a re-delivered message changes nothing
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
        var cancellationToken = context.CancellationToken;

        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        if (await Db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, cancellationToken))
            return; // handled before: a redelivery

        try
        {
            await HandleAsync(context.Message, cancellationToken);
            Db.Set<InboxMessage>().Add(new InboxMessage(messageId, consumer, typeof(TMessage).FullName!, DateTimeOffset.UtcNow));
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "inbox_messages" })
        {
            // The same message was handled concurrently by another delivery, which won.
        }
        finally
        {
            Db.ChangeTracker.Clear();
        }
    }
}
