using Grpc.Core;

namespace Kyodo.Gateway;

/// <summary>
/// Bounds every call through the gateway. A gRPC call that names no deadline gets the configured
/// one as its <c>grpc-timeout</c> header, which the service reads (and passes on to the services it
/// calls); a caller's own deadline is left as it is. The gateway itself also stops waiting shortly
/// after the deadline (a backend that hangs without answering never enforces it) and then answers
/// DEADLINE_EXCEEDED. A REST call, which has no deadline of its own, gets the configured one and
/// HTTP 504 when it passes.
/// </summary>
public sealed class DefaultDeadline(RequestDelegate next, GatewayOptions options)
{
    // Lets the service's own DEADLINE_EXCEEDED (with its message) arrive before the gateway gives up.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly string _defaultHeader = GrpcTimeout.Format(options.DefaultDeadline);

    public async Task InvokeAsync(HttpContext context)
    {
        var grpc = GatewayRefusals.IsGrpc(context.Request);
        var timeout = options.DefaultDeadline;
        if (grpc && !GrpcTimeout.TryParse(context.Request.Headers["grpc-timeout"], out timeout))
        {
            context.Request.Headers["grpc-timeout"] = _defaultHeader;
            timeout = options.DefaultDeadline;
        }

        var caller = context.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
        deadline.CancelAfter(grpc ? timeout + Grace : timeout);
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
                $"no answer from the service within the call's deadline ({timeout.TotalSeconds:0.###} s)");
        }
    }
}

/// <summary>The gRPC <c>grpc-timeout</c> header: up to 8 digits and a unit (H, M, S, m, u, n).</summary>
public static class GrpcTimeout
{
    public static string Format(TimeSpan timeout) => $"{(long)Math.Ceiling(timeout.TotalMilliseconds)}m";

    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is not { Length: >= 2 and <= 9 } || !long.TryParse(value.AsSpan(0, value.Length - 1), out var amount) || amount < 0) return false;
        double? ticks = value[^1] switch
        {
            'H' => amount * (double)TimeSpan.TicksPerHour,
            'M' => amount * (double)TimeSpan.TicksPerMinute,
            'S' => amount * (double)TimeSpan.TicksPerSecond,
            'm' => amount * (double)TimeSpan.TicksPerMillisecond,
            'u' => amount * 10.0,
            'n' => amount / 100.0,
            _ => null,
        };
        if (ticks is null) return false;
        timeout = TimeSpan.FromTicks((long)Math.Min(ticks.Value, TimeSpan.MaxValue.Ticks / 2));
        return true;
    }
}
