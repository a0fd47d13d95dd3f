using Grpc.Core;
using Kyodo.Security;

namespace Kyodo.Gateway;

/// <summary>
/// Bounds every call through the gateway, gRPC and REST alike. A call's deadline is the one its
/// caller gave in the <c>grpc-timeout</c> header (gRPC clients send it with every deadline; a REST
/// client may send it too), else Gateway:DefaultDeadline, which the gateway then writes into that
/// header. The header travels on to the service, which reads it for REST calls too (JSON
/// transcoding does not) and passes the remaining time on to the services it calls. A REST call
/// with a malformed header is refused (HTTP 400); a gRPC one gets the default (gRPC libraries
/// always write it well). The gateway itself also stops waiting shortly after the deadline (a
/// backend that hangs without answering never enforces it) and then answers DEADLINE_EXCEEDED
/// (HTTP 504 for REST).
/// </summary>
public sealed class DefaultDeadline(RequestDelegate next, GatewayOptions options)
{
    // Lets the service's own DEADLINE_EXCEEDED (with its message) arrive before the gateway gives up.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);
    // The longest a timer can wait; a caller's deadline beyond it (grpc-timeout allows 99999999H) is no bound at all.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromDays(24);

    private readonly string _defaultHeader = GrpcTimeout.Write(options.DefaultDeadline);

    public async Task InvokeAsync(HttpContext context)
    {
        var given = context.Request.Headers[GrpcTimeout.Header].ToString();
        if (!GrpcTimeout.TryParse(given, out var timeout))
        {
            if (given.Length > 0 && !GatewayRefusals.IsGrpc(context.Request))
            {
                await GatewayRefusals.WriteAsync(context, StatusCode.InvalidArgument, StatusCodes.Status400BadRequest,
                    GatewayMessages.NotATimeout(given));
                return;
            }
            context.Request.Headers[GrpcTimeout.Header] = _defaultHeader;
            timeout = options.DefaultDeadline;
        }

        var caller = context.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
        if (timeout < LongestTimer) deadline.CancelAfter(timeout + Grace);
        context.RequestAborted = deadline.Token; // the forwarder cancels the backend call on this
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestAborted = caller;
        }

        if (deadline.IsCancellationRequested && !caller.IsCancellationRequested && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await GatewayRefusals.WriteAsync(context, StatusCode.DeadlineExceeded, StatusCodes.Status504GatewayTimeout,
                GatewayMessages.NoAnswerWithinDeadline(timeout));
        }
    }
}
