using Kyodo.Contracts.Plan;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;

namespace Kyodo.ServiceDefaults.Tests;

public sealed class MessageFormatTests(MessagingTestFixture fixture) : IClassFixture<MessagingTestFixture>
{
    [Fact]
    public async Task AnEventLeavesTheOutboxAsCompactJson()
    {
        await using var events = await EventProbe.StartAsync(fixture.VirtualHost, typeof(PlanCreated));
        var planCreated = new PlanCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, "20208", Guid.NewGuid(), "小諸市 実施計画", 2019, 2021, 1);
        await using (var db = fixture.OpenDatabase())
        {
            db.AddIntegrationEvent(planCreated);
            await db.SaveChangesAsync();
        }

        var (received, messageId) = await events.WaitForAsync<PlanCreated>(e => e.PlanId == planCreated.PlanId);
        var body = events.BodyOf(messageId!.Value);

        Assert.Equal(planCreated, received);
        Assert.Contains("\"小諸市 実施計画\"", body); // this event's body, its Japanese as itself
        Assert.DoesNotContain('\n', body); // MassTransit's default writes one property a line, indented
        Assert.DoesNotContain(": ", body);
    }
}
