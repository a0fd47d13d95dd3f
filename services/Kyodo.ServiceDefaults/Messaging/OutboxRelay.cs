using Kyodo.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ a batch at a time: every row of the batch is
/// handed to the broker in sequence order at once, then their publisher confirms are awaited
/// together, and each row is marked sent only on its own confirm. (Waiting for each confirm
/// before the next publish capped a relay at one round trip per event: the reporting benchmark
/// saw minutes of backlog.) Delivery order is therefore not guaranteed, and need not be: every
/// event carries its record's whole state and revision, and consumers keep the highest. While
/// the broker is away it waits until the broker answers again (BrokerWatch), then publishes at once,
/// so an outage delays events and loses none; other failures back off and retry. A
/// transaction-scoped advisory lock keeps one relay at a time per database.
/// </summary>
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    LegacyEventExchanges legacyExchanges,
    OutboxSignal signal,
    DatabaseReadiness readiness,
    Failpoints failpoints,
    OutboxHealth health,
    BrokerWatch broker,
    IOptions<MessagingOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    // Any constant works: advisory locks are per database, and each service owns one database.
    private const long RelayLockKey = 0x4B796F646F4F7574; // "KyodoOut"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await readiness.WaitAsync(stoppingToken);
        var delay = settings.FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(settings, stoppingToken);
                health.Succeeded();
                delay = settings.FirstRetryDelay;
                if (published == settings.OutboxBatchSize) continue; // more may be waiting
                await signal.WaitAsync(settings.OutboxPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                health.Failed(ex);
                if (!await broker.BrokerAnswersAsync(settings.PublishTimeout, stoppingToken))
                {
                    // Away: publish again as soon as it answers, not up to a back-off later.
                    logger.LogWarning(ex, "Outbox relay could not publish: the broker is away; publishing once it answers");
                    await broker.UntilBrokerAnswersAsync(stoppingToken);
                    continue;
                }
                logger.LogWarning(ex, "Outbox relay could not publish; retrying in {Delay}s", delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task<int> PublishBatchAsync(MessagingOptions settings, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(stoppingToken);

        var isRelay = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({RelayLockKey}) AS \"Value\"")
            .SingleAsync(stoppingToken);
        if (!isRelay) return 0; // another replica is relaying

        var batch = await db.Set<OutboxMessage>()
            .Where(m => m.SentAt == null && m.DeadLetteredAt == null)
            .OrderBy(m => m.Sequence)
            .Take(settings.OutboxBatchSize)
            .ToListAsync(stoppingToken);

        if (batch.Count == 0) return 0;
        await failpoints.ReachedAsync("outbox.publish");
        try
        {
            await legacyExchanges.EnsureAsync(stoppingToken); // before any event goes out on a versioned exchange
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // A broker that is away fails this first: each waiting row records the attempt, as a failed publish would.
            foreach (var row in batch) row.MarkFailed(ex.Message);
            await db.SaveChangesAsync(stoppingToken);
            await transaction.CommitAsync(stoppingToken);
            throw;
        }
        var publishes = batch.Select(row => PublishOrSetAsideAsync(row, settings.PublishTimeout, stoppingToken)).ToArray();
        try
        {
            await Task.WhenAll(publishes);
        }
        catch (Exception) when (!stoppingToken.IsCancellationRequested)
        {
            // Each outcome is read below: what was confirmed is kept, the rest stays unsent.
        }

        Exception? firstFailure = null;
        for (var i = 0; i < batch.Count; i++)
        {
            if (publishes[i].Exception?.GetBaseException() is not { } failure) continue;
            batch[i].MarkFailed(failure.Message);
            firstFailure ??= failure;
        }
        await db.SaveChangesAsync(stoppingToken);
        await transaction.CommitAsync(stoppingToken);
        if (firstFailure is not null) throw firstFailure;
        logger.LogDebug("Outbox relay handled {Count} event(s)", batch.Count);
        return batch.Count;
    }

    private async Task PublishOrSetAsideAsync(OutboxMessage row, TimeSpan timeout, CancellationToken stoppingToken)
    {
        try
        {
            await PublishAsync(row, timeout, stoppingToken);
            row.MarkSent(clock.GetUtcNow());
        }
        catch (UnreadableEventException ex)
        {
            // No retry can publish it; holding it would hold back every later event.
            logger.LogError("Outbox row {Sequence} (event {MessageId}) can never be published and is set aside: {Reason}",
                row.Sequence, row.MessageId, ex.Message);
            row.MarkDeadLettered(clock.GetUtcNow(), ex.Message);
        }
    }

    private async Task PublishAsync(OutboxMessage row, TimeSpan timeout, CancellationToken stoppingToken)
    {
        var (message, type) = IntegrationEventTypes.Deserialize(row.MessageType, row.Payload);
        // MassTransit's send span, and the trace headers the consumer continues from, start here:
        // inside the trace of the request that wrote the event.
        using var span = OutboxTracing.StartPublish(row);
        using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        publishTimeout.CancelAfter(timeout);
        try
        {
            if (IntegrationEventTypes.DestinationOf(type) is { } queue)
            {
                // Addressed to one service: sending declares its queue, so it waits there whatever the start order.
                var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
                await endpoint.Send(message, type, context => context.MessageId = row.MessageId, publishTimeout.Token);
            }
            else
            {
                await bus.Publish(message, type, context => context.MessageId = row.MessageId, publishTimeout.Token);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the broker did not confirm event {row.MessageId} within {timeout.TotalSeconds}s");
        }
    }
}
