using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Deletes the inbox rows older than <see cref="MessagingOptions.InboxRetention"/>, every
/// <see cref="MessagingOptions.InboxPruneInterval"/>. An inbox row exists to turn a redelivery into
/// nothing, and a redelivery comes within minutes (the consumer retries, a broker reconnect), never
/// weeks later; without pruning the table grows by every message for ever (reporting's by 43 million
/// rows a day at 500 events/s). Reporting's missing-event watch reads the rows after its watermark,
/// which in steady state is minutes old (decision 039).
/// </summary>
public sealed class InboxPruning<TContext>(
    IServiceScopeFactory scopes,
    DatabaseReadiness readiness,
    IOptions<MessagingOptions> options,
    TimeProvider clock,
    ILogger<InboxPruning<TContext>> logger) : RetentionPruning<TContext>(scopes, readiness, clock, logger) where TContext : DbContext
{
    protected override string Rows => "inbox rows received";
    protected override TimeSpan Retention => options.Value.InboxRetention;
    protected override TimeSpan Interval => options.Value.InboxPruneInterval;

    // By row address: a bounded batch found through the received_at index, no sort and no key list to send.
    // The age is checked again on the row deleted, whatever another replica's pruning did meanwhile.
    protected override Task<int> DeleteBatchAsync(TContext db, DateTimeOffset cutoff, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            DELETE FROM inbox_messages
            WHERE ctid = ANY (ARRAY (SELECT ctid FROM inbox_messages WHERE received_at < {cutoff} LIMIT {BatchSize}))
              AND received_at < {cutoff}
            """, ct);
}
