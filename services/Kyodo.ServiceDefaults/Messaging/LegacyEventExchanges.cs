using Kyodo.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Keeps subscribers of the exchange names before versioning (<c>Kyodo.Contracts.Subsidy:ApplicationStatusChanged</c>)
/// receiving while they move: each versioned exchange of the service's area is bound to its old
/// name, exchange to exchange, so whatever is bound to the old name (a consumer not yet upgraded,
/// another city system's queue) still gets every event. Declared once, before the relay's first
/// publish; on while Messaging:LegacyExchangeNames is (the default of this release). events/README.md
/// says how a deployment moves and when to turn it off.
/// </summary>
public sealed class LegacyEventExchanges(
    ServiceIdentity service, IOptions<RabbitMqOptions> rabbit, IOptions<MessagingOptions> messaging, ILogger<LegacyEventExchanges> logger)
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _done;

    /// <summary>The contracts this service publishes: those of its area (plan publishes Kyodo.Contracts.Plan's).</summary>
    public IReadOnlyList<Type> Published => EventContracts.All.Where(t => EventContracts.AreaOf(t) == service.Name).ToArray();

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_done || !messaging.Value.LegacyExchangeNames) return;
        await _once.WaitAsync(cancellationToken);
        try
        {
            if (_done || Published.Count == 0) { _done = true; return; }
            var settings = rabbit.Value;
            // A broker that is away fails this quickly; the relay backs off and tries again, as for a publish.
            var factory = settings.ConnectionFactory($"kyodo-{service.Name}-legacy-exchanges", messaging.Value.PublishTimeout);
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            foreach (var contract in Published)
            {
                // The same kind of exchange MassTransit declares for a message type: fanout, durable.
                var versioned = EventContracts.ExchangeName(contract);
                var legacy = EventContracts.LegacyExchangeName(contract);
                await channel.ExchangeDeclareAsync(versioned, ExchangeType.Fanout, durable: true, autoDelete: false,
                    cancellationToken: cancellationToken);
                await channel.ExchangeDeclareAsync(legacy, ExchangeType.Fanout, durable: true, autoDelete: false,
                    cancellationToken: cancellationToken);
                await channel.ExchangeBindAsync(destination: legacy, source: versioned, routingKey: "",
                    cancellationToken: cancellationToken);
            }
            logger.LogInformation("Bound {Count} versioned event exchanges to their names before versioning", Published.Count);
            _done = true;
        }
        finally
        {
            _once.Release();
        }
    }
}
