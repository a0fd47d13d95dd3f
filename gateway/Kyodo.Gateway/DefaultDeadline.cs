namespace Kyodo.Gateway;

/// <summary>
/// Gives a gRPC call that names no deadline the configured one, as the <c>grpc-timeout</c>
/// header the service reads (and passes on to the services it calls), so no call through the
/// gateway runs unbounded. A caller's own deadline is left as it is. REST calls get the same
/// bound as their route's request timeout (see <see cref="GatewayRoutes"/>).
/// </summary>
public sealed class DefaultDeadline(RequestDelegate next, GatewayOptions options)
{
    private readonly string _timeout = $"{(long)Math.Ceiling(options.DefaultDeadline.TotalMilliseconds)}m";

    public Task InvokeAsync(HttpContext context)
    {
        if (GatewayRefusals.IsGrpc(context.Request) && !context.Request.Headers.ContainsKey("grpc-timeout"))
            context.Request.Headers["grpc-timeout"] = _timeout;
        return next(context);
    }
}
