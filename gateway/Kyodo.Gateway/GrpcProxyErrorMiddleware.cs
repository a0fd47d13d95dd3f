using Grpc.Core;
using Yarp.ReverseProxy.Forwarder;

namespace Kyodo.Gateway;

/// <summary>
/// When a backend cannot be reached, answers a gRPC caller with a proper gRPC status
/// (UNAVAILABLE, naming the service) instead of a bare HTTP 502 without grpc-status.
/// </summary>
public sealed class GrpcProxyErrorMiddleware(RequestDelegate next, ILogger<GrpcProxyErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);

        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error is null || context.Response.HasStarted || !GatewayRefusals.IsGrpc(context.Request)) return;
        // The call's deadline passed (DefaultDeadline answers) or the caller went away: nothing to say here.
        if (context.RequestAborted.IsCancellationRequested) return;

        var service = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "backend";
        logger.LogWarning(error.Exception, "Backend of {Service} unreachable: {Error}", service, error.Error);
        context.Response.Clear();
        await GatewayRefusals.WriteAsync(context, StatusCode.Unavailable, StatusCodes.Status503ServiceUnavailable,
            GatewayMessages.BackendUnavailable(service, error.Error));
    }
}
