using Kyodo.Contracts.Plan;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Tests;

/// <summary>
/// The relay is woken when outbox rows become visible: a wake-up at a save inside an open
/// transaction finds nothing committed and makes the events wait a whole poll interval.
/// </summary>
public sealed class OutboxSignalTests(MessagingTestFixture fixture) : IClassFixture<MessagingTestFixture>
{
    private static readonly TimeSpan NoWakeUp = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task ASaveInsideATransactionWakesTheRelayAtCommitNotBefore()
    {
        var signal = new OutboxSignal();
        await using var db = OpenWith(signal);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.AddIntegrationEvent(NewEvent());
        await db.SaveChangesAsync();

        Assert.False(await signal.WaitAsync(NoWakeUp, CancellationToken.None), "woken before the commit");

        await transaction.CommitAsync();
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "not woken at the commit");
    }

    [Fact]
    public async Task ARolledBackTransactionDoesNotWakeTheRelay()
    {
        var signal = new OutboxSignal();
        await using var db = OpenWith(signal);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.AddIntegrationEvent(NewEvent());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.False(await signal.WaitAsync(NoWakeUp, CancellationToken.None));
    }

    [Fact]
    public async Task ASaveWithoutATransactionWakesTheRelayAtOnce()
    {
        var signal = new OutboxSignal();
        await using var db = OpenWith(signal);
        db.AddIntegrationEvent(NewEvent());
        await db.SaveChangesAsync();

        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    private MessagingTestContext OpenWith(OutboxSignal signal) => new(new DbContextOptionsBuilder<MessagingTestContext>()
        .UseNpgsql(fixture.Database.ConnectionString)
        .AddInterceptors(new OutboxSignalInterceptor(signal))
        .Options);

    private static PlanCreated NewEvent() =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, "20208", Guid.NewGuid(), "小諸市 実施計画", 2019, 2021, 1);
}
