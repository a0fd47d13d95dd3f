using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Tests;

public sealed class InboxTests(MessagingTestFixture fixture) : IClassFixture<MessagingTestFixture>
{
    [Fact]
    public async Task ARedeliveredMessageIsAppliedOnce()
    {
        await using var publisher = await TestPublisher.StartAsync(fixture.VirtualHost);
        var messageId = Guid.NewGuid();

        await publisher.PublishAsync(new Ping("redelivered"), messageId);
        await WaitUntilConsumedAsync(messageId, times: 1);
        await publisher.PublishAsync(new Ping("redelivered"), messageId);
        await WaitUntilConsumedAsync(messageId, times: 2);

        await using var db = fixture.OpenDatabase();
        Assert.Equal(1, await db.Tally.CountAsync(t => t.Key == "redelivered"));
        Assert.Equal(1, await db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId));
    }

    [Fact]
    public async Task CopiesOfOneMessageConsumedConcurrentlyAreAppliedOnce()
    {
        await using var publisher = await TestPublisher.StartAsync(fixture.VirtualHost);
        var messageId = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => publisher.PublishAsync(new Ping("concurrent"), messageId)));
        await WaitUntilConsumedAsync(messageId, times: 6);

        await using var db = fixture.OpenDatabase();
        Assert.Equal(1, await db.Tally.CountAsync(t => t.Key == "concurrent"));
    }

    [Fact]
    public async Task AHandlerThatThrowsLeavesNothingBehindAndItsMessageIsRetriedThenParkedInTheErrorQueue()
    {
        await using var publisher = await TestPublisher.StartAsync(fixture.VirtualHost);
        var messageId = Guid.NewGuid();

        await publisher.PublishAsync(new Boom("boom"), messageId);
        var parked = await WaitForErrorQueueMessageAsync("boom_error");

        Assert.Contains(messageId.ToString(), parked.Body);
        Assert.Equal("the handler fails after writing", parked.Headers.GetProperty("MT-Fault-Message").GetString());
        Assert.Equal(2, parked.Headers.GetProperty("MT-Fault-RetryCount").GetInt32()); // the 2 retries of ServiceSettings
        await using var db = fixture.OpenDatabase();
        Assert.Equal(0, await db.Tally.CountAsync(t => t.Key == "boom"));
        Assert.False(await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId));
    }

    private async Task WaitUntilConsumedAsync(Guid messageId, int times)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); fixture.Consumed.Count(messageId) < times;)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"message {messageId} consumed {fixture.Consumed.Count(messageId)} of {times} times");
            await Task.Delay(50);
        }
    }

    private async Task<(System.Text.Json.JsonElement Headers, string Body)> WaitForErrorQueueMessageAsync(string queueSuffix)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var queue =
                (await fixture.VirtualHost.QueueNamesAsync()).FirstOrDefault(q => q.EndsWith(queueSuffix, StringComparison.Ordinal));
            if (queue is not null && (await fixture.VirtualHost.PeekAsync(queue)) is [var message, ..]) return message;
        }
        throw new TimeoutException($"nothing arrived in a queue named *{queueSuffix}");
    }
}
