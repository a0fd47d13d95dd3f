using System.Collections.Concurrent;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using MassTransit;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// The baseline for the backlog drain: the same events, published the same way to a virtual host
/// of the same broker, consumed by plain MassTransit consumers that do nothing, on three endpoints
/// with MassTransit's default settings as reporting's item, budget and subsidy endpoints are.
/// What it drains per second is what the broker and MassTransit alone allow on this machine.
/// </summary>
public static class PlainMassTransit
{
    public static async Task<(double Whole, double Steady)> DrainRateAsync(InfrastructureEndpoints infrastructure,
        IReadOnlyList<PublishedEvent> events, CancellationToken ct)
    {
        await using var vhost = await TestVirtualHost.CreateAsync(infrastructure, "plain");
        var first = Build(vhost); // started once so its queues exist and are bound, then stopped: what is published now waits there
        await first.StartAsync(ct);
        await first.StopAsync(ct);
        await PacedPublisher.AllAsync(vhost, events, ct);

        var consumed = new ConcurrentQueue<DateTimeOffset>();
        var bus = Build(vhost);
        bus.ConnectConsumeObserver(new Observer(consumed));
        await bus.StartAsync(ct);
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(15);
            while (consumed.Count < events.Count)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"plain MassTransit consumed {consumed.Count} of {events.Count} in 15 min");
                await Task.Delay(50, ct);
            }
        }
        finally { await bus.StopAsync(CancellationToken.None); }
        return DrainRate.Of([.. consumed]);
    }

    private static IBusControl Build(TestVirtualHost vhost) => Bus.Factory.CreateUsingRabbitMq(rabbit =>
    {
        var endpoints = vhost.Endpoints;
        rabbit.Host(endpoints.RabbitHost, (ushort)endpoints.RabbitPort, vhost.Name, host =>
        {
            host.Username(endpoints.RabbitUser);
            host.Password(endpoints.RabbitPassword);
        });
        // Bound where the benchmark publishes (and Kyodo's services do): without it these queues were
        // bound to MassTransit's type-named exchanges, received nothing, and the run timed out.
        rabbit.UseVersionedEventExchanges();
        rabbit.ReceiveEndpoint("plain-item-events", e => e.Consumer<Items>());
        rabbit.ReceiveEndpoint("plain-budget-events", e => e.Consumer<Lines>());
        rabbit.ReceiveEndpoint("plain-subsidy-events", e => e.Consumer<Applications>());
    });

    private sealed class Items : IConsumer<ItemUpdated>, IConsumer<ItemScheduleChanged>, IConsumer<IndicatorActualRecorded>
    {
        public Task Consume(ConsumeContext<ItemUpdated> context) => Task.CompletedTask;
        public Task Consume(ConsumeContext<ItemScheduleChanged> context) => Task.CompletedTask;
        public Task Consume(ConsumeContext<IndicatorActualRecorded> context) => Task.CompletedTask;
    }

    private sealed class Lines : IConsumer<BudgetLineRevised>
    {
        public Task Consume(ConsumeContext<BudgetLineRevised> context) => Task.CompletedTask;
    }

    private sealed class Applications : IConsumer<ApplicationStatusChanged>
    {
        public Task Consume(ConsumeContext<ApplicationStatusChanged> context) => Task.CompletedTask;
    }

    private sealed class Observer(ConcurrentQueue<DateTimeOffset> consumed) : IConsumeObserver
    {
        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            consumed.Enqueue(DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        }

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
