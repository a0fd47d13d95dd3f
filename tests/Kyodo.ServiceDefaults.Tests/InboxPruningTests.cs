using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.ServiceDefaults.Tests;

/// <summary>The inbox keeps what its consumers handled for Messaging:InboxRetention, then forgets it.</summary>
public sealed class InboxPruningTests(MessagingTestFixture fixture) : IClassFixture<MessagingTestFixture>
{
    [Fact]
    public async Task RowsReceivedBeforeTheCutoffAreDeletedInBatchesAndNewerOnesKept()
    {
        // A day, not the service's retention (14 days): its own rounds in the background then leave the
        // rows below (up to a week old) to this test.
        var cutoff = DateTimeOffset.UtcNow.AddDays(-1);
        var oldRows = RetentionPruning<MessagingTestContext>.BatchSize + 3; // more than one batch, a minute apart
        var recent = new[] { Guid.NewGuid(), Guid.NewGuid() };
        await using (var db = fixture.OpenDatabase())
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbox_messages (message_id, consumer, message_type, received_at)
                SELECT gen_random_uuid(), 'pruning-test', 'Old', {cutoff} - make_interval(mins => n)
                FROM generate_series(1, {oldRows}) AS n
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbox_messages (message_id, consumer, message_type, received_at)
                SELECT id, 'pruning-test', 'Recent', {cutoff} + interval '1 second' FROM unnest({recent}) AS id
                """);
        }

        var pruning = fixture.Service.Services.GetRequiredService<InboxPruning<MessagingTestContext>>();
        var deleted = await pruning.PruneAsync(cutoff, CancellationToken.None);

        await using var after = fixture.OpenDatabase();
        Assert.Equal(oldRows, deleted);
        Assert.Equal(0, await after.Set<InboxMessage>().CountAsync(m => m.ReceivedAt < cutoff));
        Assert.Equal(recent.Order(), (await after.Set<InboxMessage>().Where(m => m.Consumer == "pruning-test")
            .Select(m => m.MessageId).ToListAsync()).Order());
    }
}
