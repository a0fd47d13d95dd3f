using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// A messaging table of <typeparamref name="TContext"/> kept to a retention (the inbox, <see cref="InboxPruning{TContext}"/>; the outbox,
/// <see cref="OutboxPruning{TContext}"/>): once its database is ready, and then every interval, the rows
/// older than the retention are deleted, a bounded batch at a time. A round that fails (its database away, say) is logged and the
/// next one tries again: nothing depends on one round's success.
/// </summary>
public abstract class RetentionPruning<TContext>(IServiceScopeFactory scopes, DatabaseReadiness readiness, TimeProvider clock,
    ILogger logger) : BackgroundService where TContext : DbContext
{
    /// <summary>Rows deleted in one statement: bounded, so no long transaction holds the table while the service writes to it.</summary>
    public const int BatchSize = 10_000;

    protected TimeProvider Clock { get; } = clock;

    /// <summary>What the rows are, for the log: "inbox rows received", "outbox rows published".</summary>
    protected abstract string Rows { get; }

    protected abstract TimeSpan Retention { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>Deletes the rows older than <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<long> PruneAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        long total = 0;
        int deleted;
        do
        {
            deleted = await DeleteBatchAsync(db, cutoff, ct);
            total += deleted;
        } while (deleted == BatchSize);
        return total;
    }

    /// <summary>Deletes at most <see cref="BatchSize"/> rows older than <paramref name="cutoff"/>, in one statement; returns how
    /// many.</summary>
    protected abstract Task<int> DeleteBatchAsync(TContext db, DateTimeOffset cutoff, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var deleted = await PruneAsync(Clock.GetUtcNow() - Retention, stoppingToken);
                    if (deleted > 0)
                        logger.LogInformation("Pruned {Count} {Rows} over {Days} days ago", deleted, Rows, Retention.TotalDays);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Pruning the {Rows} over {Days} days ago failed; retrying in {Interval}", Rows,
                        Retention.TotalDays, Interval);
                }
                await Task.Delay(Interval, Clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
