using Kyodo.Contracts.Budget;
using Kyodo.Reporting.Consumers;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// Group commit's writers (GroupCommitOptions.Writers, two by default): while one municipality's writer waits on a lock,
/// other municipalities' messages are written by the other, and that municipality's next message waits behind its first.
/// </summary>
public sealed class GroupCommitWritersTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private static readonly DateTimeOffset April2024 = new(2024, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public async Task AMunicipalityWaitingOnALockHoldsBackItsOwnMessagesAndNoOtherWritersMessages()
    {
        Assert.Equal(2, fixture.Service.Services.GetRequiredService<IOptions<GroupCommitOptions>>().Value.Writers);
        const string held = "20301";
        string[] others = ["20302", "20303", "20304", "20305", "20306", "20307", "20308", "20309"];
        var heldLine = Guid.NewGuid();
        await fixture.PublishAndWaitAsync(Line(held, heldLine, 1, 1_000));

        var next = Line(held, Guid.NewGuid(), 1, 2_000);
        var elsewhere = others.Select(m => Line(m, Guid.NewGuid(), 1, 3_000)).ToList();
        await using (var holder = new NpgsqlConnection(fixture.Database.ConnectionString))
        {
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand(
                "SELECT 1 FROM budget_lines WHERE municipality_code = @m AND budget_line_id = @id FOR UPDATE", holder, transaction))
            {
                lockRow.Parameters.AddWithValue("m", held);
                lockRow.Parameters.AddWithValue("id", heldLine);
                await lockRow.ExecuteNonQueryAsync();
            }
            await using var publisher = await TestPublisher.StartAsync(fixture.VirtualHost);
            var revised = new BudgetLineRevised(Guid.NewGuid(), April2024.AddDays(1), held, Line(held, heldLine, 2, 1_500).Line);
            await publisher.PublishAsync(revised, revised.EventId); // its writer now waits on the row
            await Eventually.ReachesAsync(() => StoredAsync(held, heldLine), s => s.Locked, "the revision waiting on the locked row",
                TimeSpan.FromSeconds(30));
            await publisher.PublishAsync(next, next.EventId);
            foreach (var line in elsewhere) await publisher.PublishAsync(line, line.EventId);

            // Some of the other municipalities have the other writer: their lines commit while the row is still held.
            await Eventually.ReachesAsync(() => CountAsync(elsewhere.Select(l => l.Line.BudgetLineId)), n => n > 0,
                "another writer's lines committed", TimeSpan.FromSeconds(30));
            Assert.Equal(0, await CountAsync([next.Line.BudgetLineId])); // queued behind its municipality's first message
            Assert.Equal(1, (await StoredAsync(held, heldLine)).Revision);
            await transaction.RollbackAsync();
        }

        await Eventually.ReachesAsync(() => CountAsync([next.Line.BudgetLineId, .. elsewhere.Select(l => l.Line.BudgetLineId)]),
            n => n == 9, "every line once the row is let go", TimeSpan.FromSeconds(30));
        Assert.Equal(2, (await StoredAsync(held, heldLine)).Revision);
    }

    private async Task<int> CountAsync(IEnumerable<Guid> lines)
    {
        var ids = lines.ToList();
        await using var db = fixture.OpenDatabase();
        return await db.BudgetLines.CountAsync(l => ids.Contains(l.BudgetLineId));
    }

    /// <summary>The line's stored revision, and whether a statement of the reporting service waits for a lock on its row.</summary>
    private async Task<(int Revision, bool Locked)> StoredAsync(string municipality, Guid lineId)
    {
        await using var db = fixture.OpenDatabase();
        var revision = await db.BudgetLines.Where(l => l.MunicipalityCode == municipality && l.BudgetLineId == lineId)
            .Select(l => l.Revision).SingleAsync();
        var waiting = await db.Database.SqlQueryRaw<bool>("""
            SELECT EXISTS (SELECT FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%budget_lines%') AS "Value"
            """).SingleAsync();
        return (revision, waiting);
    }

    private static BudgetLineCreated Line(string municipality, Guid lineId, int revision, long cost) =>
        new(Guid.NewGuid(), April2024.AddDays(revision), municipality, new BudgetLineSnapshot(lineId, Guid.Empty, "市民活動支援事業", null,
            "企画課", 2024, "一般会計/2 総務費", "Initial", 0, new FundingAmounts(cost, 0, 0, 0, cost), revision));
}
