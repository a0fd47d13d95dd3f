using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kyodo.Web.Hosting;

/// <summary>
/// /readyz: ready when the gateway answers its own gRPC health check (SERVING) within 2 s. Every
/// page needs the gateway, so a pod that cannot reach it takes no traffic. /healthz (liveness)
/// checks nothing but the process.
/// </summary>
public sealed class GatewayReadiness(WebOptions options) : IHealthCheck, IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(options.GatewayAddress);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var answer = await new Health.HealthClient(_channel).CheckAsync(new HealthCheckRequest(),
                deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
            return answer.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"the gateway at {options.GatewayAddress} answers {answer.Status}");
        }
        catch (Grpc.Core.RpcException e)
        {
            return HealthCheckResult.Unhealthy($"the gateway at {options.GatewayAddress} does not answer: {e.Status.StatusCode}");
        }
    }

    public void Dispose() => _channel.Dispose();
}
