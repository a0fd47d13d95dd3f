using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kyodo.Benchmarks.Common;

/// <summary>
/// The gRPC baseline: Kestrel with the same Grpc.AspNetCore as the services, one trivial unary method
/// (grpc.health.v1.Health/Check answering SERVING at once: no token, no interceptor, no database), on a
/// loopback port of this process, h2c like the services. What a call costs when Kyodo adds nothing.
/// </summary>
public sealed class BareKestrel : IAsyncDisposable
{
    private readonly WebApplication _app;

    public Uri Address { get; }

    private BareKestrel(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public static async Task<BareKestrel> StartAsync()
    {
        // As the services hosted beside it.
        var builder = WebApplication.CreateSlimBuilder([HostArguments.WithoutConfigurationWatcher]);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(
            kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<Trivial>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BareKestrel(app, new Uri(address));
    }

    /// <summary>The trivial call by <paramref name="callers"/> closed-loop callers: a 1 s warm-up, then
    /// <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> MeasureAsync(Grpc.Net.Client.GrpcChannel channel, int callers, TimeSpan duration,
        CancellationToken ct)
    {
        var client = new Health.HealthClient(channel);
        var request = new HealthCheckRequest();
        await CallLoad.ForAsync(callers, TimeSpan.FromSeconds(1), async (_, _, token) => await client.CheckAsync(request, Options(token)),
            ct);
        return await CallLoad.ForAsync(callers, duration, async (_, _, token) => await client.CheckAsync(request, Options(token)), ct);

        static CallOptions Options(CancellationToken token) => new(deadline: DateTime.UtcNow.AddSeconds(15), cancellationToken: token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Trivial : Health.HealthBase
    {
        private static readonly HealthCheckResponse Serving = new() { Status = HealthCheckResponse.Types.ServingStatus.Serving };

        public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) => Task.FromResult(Serving);
    }
}
