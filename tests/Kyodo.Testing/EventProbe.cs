using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;

namespace Kyodo.Testing;

/// <summary>
/// Listens on a test virtual host, as a consumer of its own would, for the events a test
/// expects a service to publish through the outbox and RabbitMQ.
/// </summary>
public sealed class EventProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<(object Message, Guid? MessageId, string Body)> _received = new();
    private IBusControl? _bus;

    public static async Task<EventProbe> StartAsync(TestVirtualHost virtualHost, params Type[] eventTypes)
    {
        var probe = new EventProbe();
        var observe = typeof(EventProbe).GetMethod(nameof(Observe), BindingFlags.NonPublic | BindingFlags.Instance)!;
        var endpoints = virtualHost.Endpoints;
        probe._bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(endpoints.RabbitHost, (ushort)endpoints.RabbitPort, virtualHost.Name, host =>
            {
                host.Username(endpoints.RabbitUser);
                host.Password(endpoints.RabbitPassword);
            });
            rabbit.UseVersionedEventExchanges(); // binds to the exchanges Kyodo's services publish on
            rabbit.ReceiveEndpoint($"test-probe-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                foreach (var type in eventTypes) observe.MakeGenericMethod(type).Invoke(probe, [endpoint]);
            });
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await probe._bus.StartAsync(timeout.Token);
        return probe;
    }

    private void Observe<T>(IReceiveEndpointConfigurator endpoint) where T : class =>
        endpoint.Handler<T>(context =>
        {
            _received.Enqueue((context.Message, context.MessageId, Encoding.UTF8.GetString(context.ReceiveContext.Body.GetBytes())));
            return Task.CompletedTask;
        });

    /// <summary>Every event of type <typeparamref name="T"/> received so far, with its broker message id.</summary>
    public IReadOnlyList<(T Message, Guid? MessageId)> Received<T>() =>
        _received.Where(r => r.Message is T).Select(r => ((T)r.Message, r.MessageId)).ToList();

    /// <summary>The body of the message <paramref name="messageId"/> as the broker delivered it.</summary>
    public string BodyOf(Guid messageId) => _received.First(r => r.MessageId == messageId).Body;

    /// <summary>Waits for an event matching <paramref name="match"/>; fails the test with what did arrive otherwise.</summary>
    public async Task<(T Message, Guid? MessageId)> WaitForAsync<T>(Func<T, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var found = Received<T>().FirstOrDefault(r => match(r.Message));
            if (found.Message is not null) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException(
            $"No matching {typeof(T).Name} arrived; received: {string.Join(", ", _received.Select(r => r.Message))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null) await _bus.StopAsync();
    }
}
