using Kyodo.Contracts.Plan;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Tests;

public sealed class OutboxRelayTests(MessagingTestFixture fixture) : IClassFixture<MessagingTestFixture>
{
    [Fact]
    public async Task AnEventThatCanNeverBePublishedIsSetAsideAndDoesNotHoldBackTheOnesAfterIt()
    {
        await using var events = await EventProbe.StartAsync(fixture.VirtualHost, typeof(PlanCreated));
        var unreadableId = Guid.NewGuid();
        var planCreated = new PlanCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, "20208", Guid.NewGuid(), "小諸市 実施計画", 2019, 2021, 1);

        await using (var db = fixture.OpenDatabase())
        {
            // As if written by an older release whose event type no longer exists.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at, attempts)
                VALUES ({unreadableId}, 'Kyodo.Contracts.Plan.PlanRenamedLongAgo', {"{}"}::jsonb, now(), 0)
                """);
            db.AddIntegrationEvent(planCreated);
            await db.SaveChangesAsync();
        }

        var (_, messageId) = await events.WaitForAsync<PlanCreated>(e => e.PlanId == planCreated.PlanId);
        Assert.Equal(planCreated.EventId, messageId);

        // The relay marks its batch's rows (set aside, sent) after the broker confirmed the batch, so the
        // probe may see the event before they are committed.
        await using var check = fixture.OpenDatabase();
        var setAside = await Eventually.ReachesAsync(
            () => check.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageId == unreadableId),
            row => row.DeadLetteredAt is not null, "the unreadable event's outbox row set aside", TimeSpan.FromSeconds(10));
        Assert.Null(setAside.SentAt);
        Assert.Contains("unknown event type", setAside.LastError);
        await Eventually.ReachesAsync(() => check.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageId == planCreated.EventId),
            row => row.SentAt is not null, "the published event's outbox row marked sent", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AnEventLeavesTheOutboxAsCompactJson()
    {
        await using var events = await EventProbe.StartAsync(fixture.VirtualHost, typeof(PlanCreated));
        var planCreated = new PlanCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, "20203", Guid.NewGuid(), "上田市 実施計画", 2020, 2022, 1);
        await using (var db = fixture.OpenDatabase())
        {
            db.AddIntegrationEvent(planCreated);
            await db.SaveChangesAsync();
        }

        var (received, messageId) = await events.WaitForAsync<PlanCreated>(e => e.PlanId == planCreated.PlanId);
        var body = events.BodyOf(messageId!.Value);

        Assert.Equal(planCreated, received);
        Assert.Contains("\"上田市 実施計画\"", body); // this event's body, its Japanese as itself
        Assert.DoesNotContain('\n', body); // MassTransit's default writes one property a line, indented
        Assert.DoesNotContain(": ", body);
    }
}
