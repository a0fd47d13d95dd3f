using Kyodo.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ in commit order, waiting for each publisher
/// confirm before marking the row sent. While the broker is away it backs off and retries,
/// so an outage delays events and loses none. A transaction-scoped advisory lock keeps one
/// relay at a time per database, which keeps the order when a service runs several replicas.
/// </summary>
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    DatabaseReadiness readiness,
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
                logger.LogWarning("Outbox relay could not publish ({Reason}); retrying in {Delay}s", ex.Message, delay.TotalSeconds);
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
            .Where(m => m.SentAt == null)
            .OrderBy(m => m.Sequence)
            .Take(settings.OutboxBatchSize)
            .ToListAsync(stoppingToken);

        var published = 0;
        try
        {
            foreach (var row in batch)
            {
                await PublishAsync(row, settings.PublishTimeout, stoppingToken);
                row.MarkSent(clock.GetUtcNow());
                published++;
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Keep what went out; the failed row and those after it stay unsent, in order.
            batch[published].MarkFailed(ex.Message);
            await db.SaveChangesAsync(stoppingToken);
            await transaction.CommitAsync(stoppingToken);
            throw;
        }

        await db.SaveChangesAsync(stoppingToken);
        await transaction.CommitAsync(stoppingToken);
        if (published > 0) logger.LogDebug("Outbox relay published {Count} event(s)", published);
        return published;
    }

    private async Task PublishAsync(OutboxMessage row, TimeSpan timeout, CancellationToken stoppingToken)
    {
        var (message, type) = IntegrationEventTypes.Deserialize(row.MessageType, row.Payload);
        using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        publishTimeout.CancelAfter(timeout);
        try
        {
            await bus.Publish(message, type, context => context.MessageId = row.MessageId, publishTimeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the broker did not confirm event {row.MessageId} within {timeout.TotalSeconds}s");
        }
    }
}
