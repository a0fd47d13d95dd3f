using Kyodo.ServiceDefaults.Messaging;
using MassTransit;

namespace Kyodo.Testing;

/// <summary>
/// Publishes events onto a test virtual host as another service's outbox relay would,
/// with a chosen message id, so a test can replay, duplicate and reorder them.
/// </summary>
public sealed class TestPublisher : IAsyncDisposable
{
    private readonly IBusControl _bus;

    private TestPublisher(IBusControl bus) => _bus = bus;

    public static async Task<TestPublisher> StartAsync(TestVirtualHost virtualHost)
    {
        var endpoints = virtualHost.Endpoints;
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(endpoints.RabbitHost, (ushort)endpoints.RabbitPort, virtualHost.Name, host =>
            {
                host.Username(endpoints.RabbitUser);
                host.Password(endpoints.RabbitPassword);
            });
            rabbit.UseVersionedEventExchanges(); // the exchanges Kyodo's services publish on and consume from
            rabbit.WriteCompactJson(); // as the services write them
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);
        return new TestPublisher(bus);
    }

    public Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        _bus.Publish(message, context => context.MessageId = messageId);

    /// <summary>Sends a message to one queue, as an outbox relay sends an event addressed to one service ([SentTo]).</summary>
    public async Task SendAsync<T>(string queue, T message, Guid messageId) where T : class =>
        await (await _bus.GetSendEndpoint(new Uri($"queue:{queue}"))).Send(message, context => context.MessageId = messageId);

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
