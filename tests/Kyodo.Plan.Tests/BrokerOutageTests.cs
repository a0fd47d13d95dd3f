using Kyodo.Common.V1;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>The outbox's promise: a broker outage delays events and loses none.</summary>
public sealed class BrokerOutageTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestVirtualHost _virtualHost = null!;
    private TcpProxy _brokerPath = null!;
    private EventProbe _events = null!;
    private ServiceUnderTest _service = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        _database = await TestDatabase.CreateAsync(infrastructure, "plan_outage");
        _virtualHost = await TestVirtualHost.CreateAsync(infrastructure, "plan-outage");
        _brokerPath = new TcpProxy(infrastructure.RabbitHost, infrastructure.RabbitPort);
        _events = await EventProbe.StartAsync(_virtualHost, typeof(PlanCreated)); // connects directly, not through the proxy
        _service = await ServiceUnderTest.StartAsync(PlanApp.Create,
            ServiceSettings.For("Plan", _database, _virtualHost, rabbitPort: _brokerPath.Port));
    }

    [Fact]
    public async Task PlanCreatedWhileTheBrokerIsAwayIsPublishedOnceItReturns()
    {
        var client = new PlanService.PlanServiceClient(_service.Channel);
        _brokerPath.TakeDown();

        var plan = (await client.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "13211" },
            Name = "小平市 行財政再構築プラン",
            StartFiscalYear = "2017",
            EndFiscalYear = "2020",
        })).Plan;
        var planId = Guid.Parse(plan.Id);

        // The write is accepted; its event waits in the outbox while the relay fails to publish it.
        var waiting = await OutboxRowAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (waiting.Attempts == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            waiting = await OutboxRowAsync();
        }
        Assert.True(waiting.Attempts >= 1, "the relay should have tried (and failed) to publish during the outage");
        Assert.Null(waiting.SentAt);
        Assert.NotNull(waiting.LastError);
        Assert.Empty(_events.Received<PlanCreated>());

        _brokerPath.BringUp();

        var (published, messageId) = await _events.WaitForAsync<PlanCreated>(e => e.PlanId == planId, TimeSpan.FromSeconds(60));
        Assert.Equal(waiting.MessageId, messageId);
        Assert.Equal("13211", published.MunicipalityCode);
        // The broker hands the event on before the relay commits sent_at: wait for that commit.
        var sent = await OutboxRowAsync();
        for (var sentDeadline = DateTime.UtcNow.AddSeconds(30); sent.SentAt is null && DateTime.UtcNow < sentDeadline;)
        {
            await Task.Delay(100);
            sent = await OutboxRowAsync();
        }
        Assert.NotNull(sent.SentAt);
        // Delivery is at-least-once: any copy carries the same message id, which inboxes de-duplicate on.
        Assert.All(_events.Received<PlanCreated>(), r => Assert.Equal(waiting.MessageId, r.MessageId));
    }

    private async Task<OutboxMessage> OutboxRowAsync()
    {
        await using var db =
            new Data.PlanDbContext(new DbContextOptionsBuilder<Data.PlanDbContext>().UseNpgsql(_database.ConnectionString).Options);
        return await db.Set<OutboxMessage>().AsNoTracking().SingleAsync();
    }

    // xunit calls this even when InitializeAsync failed half-way: dispose what exists.
    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        if (_events is not null) await _events.DisposeAsync();
        if (_brokerPath is not null) await _brokerPath.DisposeAsync();
        if (_virtualHost is not null) await _virtualHost.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
