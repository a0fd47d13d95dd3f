using System.Collections.Concurrent;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace Kyodo.Testing;

/// <summary>
/// A Kyodo service (or the gateway) running in this process on real loopback ports:
/// gRPC over h2c on one, health over HTTP/1.1 on the other, exactly as in production.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new();

    /// <summary>A channel whose calls carry <see cref="TestAuth.SystemToken"/>: every scope in every municipality.</summary>
    public GrpcChannel Channel { get; }
    public Uri GrpcAddress { get; }
    public Uri HealthAddress { get; }

    /// <summary>
    /// The HTTP/1.1 REST listener (Kestrel:Endpoints:Rest): the gateway's REST port. Every app
    /// under test gets one on a port of its own, since a test project's output holds whichever
    /// appsettings.json was copied last (the gateway's declares port 5082).
    /// </summary>
    public Uri RestAddress { get; private init; } = null!;
    public IServiceProvider Services => _app.Services;

    private ServiceUnderTest(WebApplication app, Uri grpcAddress, Uri healthAddress)
    {
        _app = app;
        GrpcAddress = grpcAddress;
        HealthAddress = healthAddress;
        Channel = ChannelAs(TestAuth.SystemToken());
    }

    /// <summary>A channel whose calls carry <paramref name="token"/>; null for calls without any token.</summary>
    public GrpcChannel ChannelAs(string? token) =>
        _channels.GetOrAdd(token ?? "", key => GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions
        {
            HttpHandler = new BearerTokenHandler(key.Length == 0 ? null : key),
        }));

    /// <summary>
    /// Builds the app with <paramref name="create"/> (the service's own XxxApp.Create), starts it and,
    /// unless told otherwise, waits until /readyz says ready.
    /// </summary>
    public static async Task<ServiceUnderTest> StartAsync(
        Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
        IReadOnlyDictionary<string, string?> settings,
        bool waitUntilReady = true,
        Action<WebApplicationBuilder>? configure = null)
    {
        // Port 0 everywhere: the kernel picks each port at bind time, so no other process or
        // app can take a port between choosing it and binding it. The ports really bound are
        // read back from the endpoints' listen options once Kestrel has started.
        var all = new Dictionary<string, string?>(settings)
        {
            ["Kestrel:Endpoints:Grpc:Url"] = AnyLoopbackPort,
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:Health:Url"] = AnyLoopbackPort,
            ["Kestrel:Endpoints:Health:Protocols"] = "Http1",
            ["Kestrel:Endpoints:Rest:Url"] = AnyLoopbackPort,
            ["Kestrel:Endpoints:Rest:Protocols"] = "Http1",
        };
        ListenOptions? grpc = null, health = null, rest = null;
        var app = create([HostArguments.WithoutConfigurationWatcher], builder =>
        {
            builder.Configuration.AddInMemoryCollection(all);
            // Replaces the default loader of the same "Kestrel" section, to see each endpoint's options.
            builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel
                .Configure(context.Configuration.GetSection("Kestrel"), reloadOnChange: false)
                .Endpoint("Grpc", endpoint => grpc = endpoint.ListenOptions)
                .Endpoint("Health", endpoint => health = endpoint.ListenOptions)
                .Endpoint("Rest", endpoint => rest = endpoint.ListenOptions));
            configure?.Invoke(builder);
        });
        ServiceUnderTest? service = null;
        try
        {
            await app.StartAsync();
            service = new ServiceUnderTest(app, BoundAddress(grpc, "Grpc"), BoundAddress(health, "Health"))
            {
                RestAddress = BoundAddress(rest, "Rest"),
            };
            if (waitUntilReady) await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            return service;
        }
        catch
        {
            // Never leave ports, bus connections and relays running.
            if (service is not null) await service.DisposeAsync();
            else await StopAsync(app);
            throw;
        }
    }

    private const string AnyLoopbackPort = "http://127.0.0.1:0";

    private static Uri BoundAddress(ListenOptions? endpoint, string name) =>
        endpoint?.IPEndPoint is { Port: > 0 } bound
            ? new Uri($"http://127.0.0.1:{bound.Port}")
            : throw new InvalidOperationException($"Kestrel did not bind the {name} endpoint of the app under test.");

    /// <summary>GETs a health endpoint ("/healthz", "/readyz") and returns its status code and body.</summary>
    public async Task<(int Status, string Body)> GetHealthAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = HealthAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = (Status: 0, Body: "");
        while (DateTime.UtcNow < deadline)
        {
            last = await GetHealthAsync("/readyz");
            if (last.Status == 200) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Service at {GrpcAddress} not ready after {timeout.TotalSeconds}s: {last.Status} {last.Body}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels.Values) channel.Dispose();
        await StopAsync(_app);
    }

    private static async Task StopAsync(WebApplication app)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }
}
