using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Brings the consumers back within about a second of the broker's return. Why it exists: MassTransit
/// 8.5 reconnects a receive endpoint that lost the broker on its own schedule, and that schedule is
/// neither short nor settable. Its RabbitMQ host's receive-transport retry policy is exponential
/// (3 s + 2^n × ~3 s: about 6, 9, 15, 27, then 30 s, each ×0.75–1.25, plus a 1 s pause) and get-only;
/// and an endpoint's retry count is never reset once it reconnects, so the wait grows with every failed
/// attempt over a process's life, outage after outage, to 23–38 s (the issue saw 34–45 s; ReceiveTransport
/// in MassTransit 8.5.12, read decompiled). MassTransit's connection settings
/// (heartbeat, RequestedConnectionTimeout) do not touch that schedule, and RabbitMQ.Client's own
/// automatic recovery is turned off by MassTransit.
/// <para>
/// So this watch keeps the endpoints that reported a fault; while any does, it asks the broker every
/// <see cref="MessagingOptions.BrokerProbeInterval"/> whether it answers (an AMQP login to the
/// service's virtual host, one short connection); once it does, it stops each faulted endpoint and starts
/// it again. A started endpoint connects at once, with a fresh retry schedule. Stop and Start are the
/// public calls MassTransit's own kill switch uses to restart an endpoint. An endpoint that reconnects
/// by itself first reports Ready and is left alone.
/// </para>
/// </summary>
public sealed class BrokerWatch(
    IOptions<RabbitMqOptions> rabbit, IOptions<MessagingOptions> messaging, ServiceIdentity service, IHostApplicationLifetime lifetime,
    ILogger<BrokerWatch> logger)
    : BackgroundService, IReceiveEndpointObserver
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private readonly Dictionary<Uri, IReceiveEndpoint> _faulted = [];

    public Task Ready(ReceiveEndpointReady ready)
    {
        lock (_gate) _faulted.Remove(ready.InputAddress);
        return Task.CompletedTask;
    }

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        lock (_gate) _faulted[faulted.InputAddress] = faulted.ReceiveEndpoint;
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        // From the moment the application begins to stop: the bus stops its endpoints before this
        // service stops, and an endpoint it stopped must not be started again.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        var interval = messaging.Value.BrokerProbeInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stoppingToken);
                IReceiveEndpoint[] waiting;
                lock (_gate) waiting = [.. _faulted.Values];
                if (waiting.Length == 0 || !await BrokerAnswersAsync(interval, stoppingToken)) continue;
                foreach (var endpoint in waiting) await RestartAsync(endpoint, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The broker watch failed a round; it tries again in {Interval}", interval);
            }
        }
    }

    /// <summary>
    /// Returns once the broker answers, asking every <see cref="MessagingOptions.BrokerProbeInterval"/>:
    /// the outbox relay waits here rather than in a publish, which MassTransit would hold in its own
    /// send back-off (about 6 s and growing) past the broker's return.
    /// </summary>
    public async Task UntilBrokerAnswersAsync(CancellationToken stoppingToken)
    {
        var interval = messaging.Value.BrokerProbeInterval;
        while (!await BrokerAnswersAsync(interval, stoppingToken)) await Task.Delay(interval, stoppingToken);
    }

    /// <summary>Whether the broker takes the service's login to its virtual host now (one short connection).</summary>
    public async Task<bool> BrokerAnswersAsync(TimeSpan timeout, CancellationToken stoppingToken)
    {
        var factory = rabbit.Value.ConnectionFactory($"kyodo-{service.Name}-broker-watch", Max(timeout, TimeSpan.FromSeconds(1)));
        try
        {
            await using var connection = await factory.CreateConnectionAsync(stoppingToken); // disposing closes it
            return true;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("The broker does not answer yet: {Reason}", ex.GetBaseException().Message);
            return false;
        }
    }

    private async Task RestartAsync(IReceiveEndpoint endpoint, CancellationToken stoppingToken)
    {
        lock (_gate)
            if (!_faulted.Remove(endpoint.InputAddress)) return; // it came back by itself meanwhile
        logger.LogInformation("The broker answers again: restarting receive endpoint {Endpoint} instead of waiting for "
            + "MassTransit's back-off", endpoint.InputAddress);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bound.CancelAfter(StopBound);
        try
        {
            await endpoint.Stop(bound.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Not stopped, so it cannot be started: the next round tries again, MassTransit's own retry goes on meanwhile.
            logger.LogWarning("Receive endpoint {Endpoint} did not stop within {Bound}; trying again next round", endpoint.InputAddress,
                StopBound);
            lock (_gate) _faulted.TryAdd(endpoint.InputAddress, endpoint);
            return;
        }
        if (stoppingToken.IsCancellationRequested) return;
        endpoint.Start(CancellationToken.None);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
