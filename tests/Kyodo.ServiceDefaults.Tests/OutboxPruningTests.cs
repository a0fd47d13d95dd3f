using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kyodo.ServiceDefaults.Tests;

/// <summary>
/// The outbox keeps a published row for Messaging:OutboxRetention, then deletes it, oldest sequence first, and records how far
/// it went; a row not published when pruning passed it is kept whatever its age (decision 052).
/// </summary>
public sealed class OutboxPruningTests(MessagingTestFixture fixture) : IClassFixture<MessagingTestFixture>
{
    // The outbox relay's advisory lock (OutboxRelay.RelayLockKey): held by the test, the relay leaves the waiting row alone.
    private const long RelayLockKey = 0x4B796F646F4F7574;

    [Fact]
    public async Task PublishedRowsUpToTheFirstPublishedWithinTheRetentionAreDeletedAndTheMarkRecordsTheLast()
    {
        // A day, not the service's retention (14 days): its own rounds in the background leave these rows (up to days old) alone.
        var cutoff = DateTimeOffset.UtcNow.AddDays(-1);
        await using var relayHeld = new NpgsqlConnection(fixture.Database.ConnectionString);
        await relayHeld.OpenAsync();
        await using (var hold = new NpgsqlCommand($"SELECT pg_advisory_lock({RelayLockKey})", relayHeld)) await hold.ExecuteNonQueryAsync();

        // In sequence order: published before the cutoff, one set aside, one waiting, more than a batch published before the
        // cutoff, one published after it, and two published before it again.
        await using (var db = fixture.OpenDatabase())
        {
            await AddAsync(db, "old", 3, published: cutoff.AddHours(-2));
            await AddAsync(db, "set aside", 1, published: null, setAside: cutoff.AddDays(-3));
            await AddAsync(db, "waiting", 1, published: null);
            await AddAsync(db, "old batch", RetentionPruning<MessagingTestContext>.BatchSize + 2, published: cutoff.AddHours(-1));
            await AddAsync(db, "recent", 1, published: cutoff.AddMinutes(5));
            await AddAsync(db, "old after recent", 2, published: cutoff.AddHours(-1));
        }
        var lastOld = await LastSequenceAsync("old batch");
        var pruning = fixture.Service.Services.GetRequiredService<OutboxPruning<MessagingTestContext>>();

        var deleted = await pruning.PruneAsync(cutoff, CancellationToken.None);

        Assert.Equal(3 + RetentionPruning<MessagingTestContext>.BatchSize + 2, deleted);
        var left = await RowsAsync();
        Assert.Equal(["set aside", "waiting", "recent", "old after recent", "old after recent"], left.Select(r => r.Kind));
        Assert.Equal(lastOld, await PrunedThroughAsync());

        // The waiting row published now, below the mark, with an old time: it stays (still listed), and the mark with it.
        await using (var db = fixture.OpenDatabase())
            await db.Database.ExecuteSqlAsync(
                $"UPDATE outbox_messages SET sent_at = {cutoff.AddHours(-3)} WHERE message_type = 'pruning-test waiting'");
        Assert.Equal(0, await pruning.PruneAsync(cutoff, CancellationToken.None));
        Assert.Equal(left.Select(r => r.Kind), (await RowsAsync()).Select(r => r.Kind));
        Assert.Equal(lastOld, await PrunedThroughAsync());

        // A later cutoff passes the recent row: the rest of the published rows above the mark go.
        Assert.Equal(3, await pruning.PruneAsync(cutoff.AddMinutes(10), CancellationToken.None));
        Assert.Equal(["set aside", "waiting"], (await RowsAsync()).Select(r => r.Kind));
        Assert.Equal(left[^1].Sequence, await PrunedThroughAsync());
    }

    private static Task AddAsync(MessagingTestContext db, string kind, int count, DateTimeOffset? published,
        DateTimeOffset? setAside = null) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at, sent_at, dead_lettered_at, attempts)
            SELECT gen_random_uuid(), {"pruning-test " + kind}, {"{}"}::jsonb, {published ?? setAside ?? DateTimeOffset.UtcNow},
                {published}::timestamptz, {setAside}::timestamptz, 0
            FROM generate_series(1, {count}) AS n ORDER BY n
            """);

    private async Task<List<(long Sequence, string Kind)>> RowsAsync()
    {
        await using var db = fixture.OpenDatabase();
        return (await db.Set<OutboxMessage>().Where(m => m.MessageType.StartsWith("pruning-test ")).OrderBy(m => m.Sequence)
            .Select(m => new { m.Sequence, m.MessageType }).ToListAsync())
            .Select(m => (m.Sequence, m.MessageType["pruning-test ".Length..])).ToList();
    }

    private async Task<long> LastSequenceAsync(string kind)
    {
        await using var db = fixture.OpenDatabase();
        return await db.Database.SqlQuery<long>($"""
            SELECT max(sequence) AS "Value" FROM outbox_messages WHERE message_type = {"pruning-test " + kind}
            """).SingleAsync();
    }

    private async Task<long> PrunedThroughAsync()
    {
        await using var db = fixture.OpenDatabase();
        return await db.Set<OutboxPruneMark>().Select(m => m.PrunedThrough).SingleAsync();
    }
}
