using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Deletes the outbox rows published more than <see cref="MessagingOptions.OutboxRetention"/> ago, every
/// <see cref="MessagingOptions.OutboxPruneInterval"/>. A published row is read again only by a consumer's missing-event watch
/// (reporting's, minutes behind in steady state) and by a restore that republishes the last minutes before its instant
/// (docs/operations.md); kept for ever, the outbox grew by every event (43 million rows a day at 500 events/s).
/// <para>
/// Rows go oldest sequence first, and only up to the first published row still within the retention, so the deleted ones are
/// the published rows up to a sequence, recorded in the same statement as <see cref="OutboxPruneMark"/>: a consumer whose
/// watermark is below it learns that the sequences it can no longer see were not all rolled back. Rows not published when
/// pruning passed them (waiting, or set aside for an operator) are kept, whatever their age; each batch starts above the mark,
/// so one published after it passed stays too (still listed), and a round does not walk again the index entries its earlier
/// batches deleted.
/// </para>
/// </summary>
public sealed class OutboxPruning<TContext>(
    IServiceScopeFactory scopes,
    DatabaseReadiness readiness,
    IOptions<MessagingOptions> options,
    TimeProvider clock,
    ILogger<OutboxPruning<TContext>> logger) : RetentionPruning<TContext>(scopes, readiness, clock, logger) where TContext : DbContext
{
    protected override string Rows => "outbox rows published";
    protected override TimeSpan Retention => options.Value.OutboxRetention;
    protected override TimeSpan Interval => options.Value.OutboxPruneInterval;

    protected override async Task<int> DeleteBatchAsync(TContext db, DateTimeOffset cutoff, CancellationToken ct)
    {
        // The oldest published rows above the mark, by the primary key's order; of them, those before the first one published after
        // the cutoff. The age is checked again on the row deleted: a restore may have set a row unsent meanwhile (docs/operations.md).
        // Another replica pruning at once deletes some of the same rows, and the mark only ever rises.
        return await db.Database.SqlQuery<int>($"""
            WITH oldest AS MATERIALIZED (
                SELECT sequence, sent_at FROM outbox_messages
                WHERE sent_at IS NOT NULL AND sequence > coalesce((SELECT pruned_through FROM outbox_pruned), 0)
                ORDER BY sequence LIMIT {BatchSize}),
            prunable AS (
                SELECT sequence FROM oldest
                WHERE sequence < coalesce((SELECT min(sequence) FROM oldest WHERE sent_at >= {cutoff}), 9223372036854775807)),
            gone AS (
                DELETE FROM outbox_messages o USING prunable p WHERE o.sequence = p.sequence AND o.sent_at < {cutoff}
                RETURNING o.sequence),
            marked AS (
                INSERT INTO outbox_pruned AS m (id, pruned_through, pruned_at)
                SELECT 1, max(sequence), {Clock.GetUtcNow()} FROM gone HAVING count(*) > 0
                ON CONFLICT (id) DO UPDATE SET pruned_through = greatest(m.pruned_through, EXCLUDED.pruned_through),
                    pruned_at = EXCLUDED.pruned_at)
            SELECT count(*)::int AS "Value" FROM gone
            """).ToListAsync(ct) is [var count] ? count : 0; // not SingleAsync, which wraps it: a writing WITH must be the top level
    }
}
