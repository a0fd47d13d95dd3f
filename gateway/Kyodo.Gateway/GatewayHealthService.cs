using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Kyodo.Security;

namespace Kyodo.Gateway;

/// <summary>
/// grpc.health.v1.Health for operators, answered by the gateway: service "" is the gateway
/// itself (SERVING while it runs); a Kyodo service name (<c>kyodo.plan.v1.PlanService</c>) is
/// that service's backend, asked over its own health service (which says SERVING only when
/// its database and broker answer); an unreachable backend is NOT_SERVING; any other name is
/// NOT_FOUND, as the health protocol says. No token needed (see GatewayApp). Watch is not
/// offered: probes poll Check.
/// </summary>
public sealed class GatewayHealthService(BackendChannels backends, ILogger<GatewayHealthService> logger) : Health.HealthBase
{
    private static readonly TimeSpan BackendTimeout = TimeSpan.FromSeconds(3);

    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (request.Service.Length == 0) return Status(HealthCheckResponse.Types.ServingStatus.Serving);

        var backend = GatewayRoutes.Services.FirstOrDefault(s => s.Service.FullName == request.Service).Backend
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"unknown service {Echo.Of(request.Service)}"));
        var deadline = DateTime.UtcNow + BackendTimeout;
        if (context.Deadline < deadline) deadline = context.Deadline;
        try
        {
            return await new Health.HealthClient(backends.For(backend))
                .CheckAsync(new HealthCheckRequest(), deadline: deadline, cancellationToken: context.CancellationToken);
        }
        catch (RpcException e)
        {
            logger.LogWarning("Health of {Service} unknown: {Status} {Detail}", request.Service, e.StatusCode, e.Status.Detail);
            return Status(HealthCheckResponse.Types.ServingStatus.NotServing);
        }
    }

    private static HealthCheckResponse Status(HealthCheckResponse.Types.ServingStatus status) => new() { Status = status };
}

/// <summary>One gRPC channel per backend, for the calls the gateway makes itself (health).</summary>
public sealed class BackendChannels(BackendServices backends) : IDisposable
{
    private readonly Dictionary<string, GrpcChannel> _channels =
        backends.Addresses.ToDictionary(b => b.Key, b => GrpcChannel.ForAddress(b.Value, new GrpcChannelOptions
        {
            HttpHandler =
                new SocketsHttpHandler { MaxResponseHeadersLength = HeaderLimits.Kilobytes(HeaderLimits.GatewayResponseHeaderBytes) },
        }));

    public GrpcChannel For(string backend) => _channels[backend];

    public void Dispose()
    {
        foreach (var channel in _channels.Values) channel.Dispose();
    }
}
