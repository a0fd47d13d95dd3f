using Kyodo.Common.V1;
using Kyodo.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Gaps;

/// <summary>
/// One publisher, one round (decision 039): lists its outbox after the watermark, and walks the rows
/// up to the point where the set of rows is final (a horizon that passed). A row is accounted for
/// when reporting does not consume its type, when it was set aside unpublished, or when reporting's
/// inbox holds its id; the walk stops at a row still in flight (not yet published, or published
/// within the grace period). A row published longer ago than the grace period and not in the inbox
/// is missing: its municipalities are rebuilt from the services, its id is written to the inbox as
/// repaired, and the watermark moves past it. A sequence that never shows in a final set was a
/// rolled-back write: it is passed over, never reported; unless the publisher has pruned its outbox past the watermark
/// (pruned_through), when a sequence not listed may also have been published and deleted: that range is reported as unchecked.
/// </summary>
internal sealed class EventGapCheck(
    string publisher,
    Func<ListPublishedEventsRequest, CancellationToken, Task<ListPublishedEventsResponse>> list,
    Func<IReadOnlyCollection<string>, CancellationToken, Task> rebuild,
    ReportingDbContext db,
    EventGapOptions options,
    EventGapStatus status,
    TimeProvider clock,
    ILogger log)
{
    /// <summary>The inbox's consumer name for an event whose effect a gap repair rebuilt.</summary>
    public const string RepairConsumer = "EventGapRepair";

    public async Task RunAsync(CancellationToken ct)
    {
        var mark = await db.Set<PublisherWatermark>().FindAsync([publisher], ct);
        if (mark is null) db.Add(mark = new PublisherWatermark { Publisher = publisher });
        while (true)
        {
            var page = await list(new ListPublishedEventsRequest
            {
                AfterSequence = mark.CheckedThrough, PageSize = options.PageSize, HorizonXid = mark.HorizonXid ?? 0,
            }, ct);
            var unreported = Math.Max(mark.CheckedThrough, mark.UncheckedThrough) + 1;
            if (page.PrunedThrough >= unreported)
            {
                ReportUnchecked(unreported, page.PrunedThrough);
                mark.UncheckedThrough = page.PrunedThrough; // saved with the round's watermark below
            }
            if (mark.HorizonXid is not null && page.HorizonPassed)
            {
                mark.SettledThrough = Math.Max(mark.SettledThrough, mark.HorizonSequence ?? 0);
                mark.HorizonXid = null;
            }
            if (mark.HorizonXid is null) (mark.HorizonSequence, mark.HorizonXid) = (page.HorizonSequence, page.HorizonXid);

            var walk = await WalkAsync(page, mark.CheckedThrough, mark.SettledThrough, ct);
            if (walk.Missing.Count > 0 && !await RepairAsync(walk.Missing, ct))
                walk = walk with { Reached = walk.Missing[0].Sequence - 1, More = false };
            mark.CheckedThrough = Math.Max(mark.CheckedThrough, walk.Reached);
            mark.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            status.Checked(publisher, mark.CheckedThrough);
            if (!walk.More) return;
        }
    }

    private void ReportUnchecked(long from, long through)
    {
        status.Unchecked(publisher, from, through);
        log.LogWarning(
            "{Publisher} pruned its outbox before reporting checked sequences {From}–{Through}: an event among them that never arrived "
            + "cannot be found; rebuild reporting to be sure (expected after a new or wiped reporting database; docs/operations.md)",
            publisher, from, through);
    }

    /// <param name="Reached">Every row up to here is accounted for once <paramref name="Missing"/> is repaired.</param>
    /// <param name="More">The page was full and ended below the settled point: ask for the next.</param>
    private sealed record Walk(long Reached, IReadOnlyList<MissingEvent> Missing, bool More);

    private async Task<Walk> WalkAsync(ListPublishedEventsResponse page, long checkedThrough, long settled, CancellationToken ct)
    {
        var rows = page.Events.Where(e => e.Sequence <= settled).ToList();
        var held = await HeldAsync(rows.Where(Consumed).Select(e => Guid.Parse(e.EventId)).ToList(), ct);
        var asOf = page.AsOf.ToDateTimeOffset();
        var reached = checkedThrough;
        var missing = new List<MissingEvent>();
        foreach (var row in rows)
        {
            if (Consumed(row) && !held.Contains(Guid.Parse(row.EventId)))
            {
                // Not yet published, or published so lately that it may still wait in a queue: in flight, not lost.
                if (row.PublishedAt is null || asOf - row.PublishedAt.ToDateTimeOffset() < options.Grace)
                    return new Walk(reached, missing, More: false);
                missing.Add(new MissingEvent(row.Sequence, Guid.Parse(row.EventId), row.EventType, row.MunicipalityCode));
            }
            reached = row.Sequence;
        }
        // Every row up to the settled point was in this page (the rest of it lies beyond): what is not listed never committed.
        var whole = page.Events.Count < options.PageSize || page.Events[^1].Sequence >= settled;
        return new Walk(whole ? Math.Max(reached, settled) : reached, missing, More: !whole);
    }

    private static bool Consumed(PublishedEvent row) => !row.SetAside && ConsumedEventTypes.Names.Contains(row.EventType);

    private async Task<HashSet<Guid>> HeldAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var held = await db.Database.SqlQuery<Guid>(
            $"SELECT DISTINCT message_id AS \"Value\" FROM inbox_messages WHERE message_id = ANY({ids.ToArray()})")
            .ToListAsync(ct);
        return held.ToHashSet();
    }

    /// <summary>Rebuilds the missing events' municipalities from the services, then records them as held. False when the repair failed
    /// (retried next round).</summary>
    private async Task<bool> RepairAsync(IReadOnlyList<MissingEvent> missing, CancellationToken ct)
    {
        var municipalities =
            missing.Select(m => m.MunicipalityCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        status.Found(publisher, missing);
        log.LogWarning(
            "Reporting never received {Count} event(s) that {Publisher} published more than {Grace}s ago: {Sequences}; rebuilding "
            + "municipalities {Municipalities} from the services",
            missing.Count, publisher, options.Grace.TotalSeconds, EventGapStatus.Sequences(missing), string.Join(", ", municipalities));
        try
        {
            await rebuild(municipalities, ct);
            // All of them in one statement, not one round trip per event.
            var ids = missing.Select(m => m.EventId).ToArray();
            var types = missing.Select(m => m.EventType).ToArray();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbox_messages (message_id, consumer, message_type, received_at)
                SELECT m.id, {RepairConsumer}, m.type, {clock.GetUtcNow()} FROM unnest({ids}, {types}) AS m(id, type)
                ON CONFLICT DO NOTHING
                """, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            status.RepairFailed(publisher, e.Message);
            log.LogError(e, "The repair of {Publisher}'s {Sequences} failed; retrying next round", publisher,
                EventGapStatus.Sequences(missing));
            return false;
        }
        status.Repaired(publisher, missing);
        log.LogInformation("Repaired {Publisher}'s {Sequences}: municipalities {Municipalities} rebuilt", publisher,
            EventGapStatus.Sequences(missing), string.Join(", ", municipalities));
        return true;
    }
}
