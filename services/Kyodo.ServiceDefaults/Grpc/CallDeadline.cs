using Grpc.AspNetCore.Server;
using Grpc.Core;
using Kyodo.Security;
using Microsoft.AspNetCore.Http;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>
/// The deadline of the call a service is serving. A gRPC call's is gRPC's own (its grpc-timeout
/// header, read by grpc-dotnet). A REST call (JSON transcoding) reports none, so its grpc-timeout
/// header, which the gateway always sets, is read on arrival by <see cref="RestDeadlineInterceptor"/>
/// and kept here; service-to-service calls and the error mapping then treat both alike.
/// </summary>
public static class CallDeadline
{
    /// <summary>The deadline, or null when the caller gave none.</summary>
    public static DateTime? Of(HttpContext? http)
    {
        if (http is null) return null;
        if (http.Features.Get<RestCallDeadline>() is { } rest) return rest.Deadline;
        return http.Features.Get<IServerCallContextFeature>()?.ServerCallContext.Deadline is { } deadline && deadline != DateTime.MaxValue
            ? deadline
            : null;
    }

    public static DateTime? Of(ServerCallContext context) =>
        context.Deadline != DateTime.MaxValue ? context.Deadline : Of(HttpContextOf(context));

    /// <summary>
    /// True once the call's deadline has passed (never for a call without one). For a REST call
    /// also once its deadline timer has fired, which may be a moment before the clock shows the
    /// deadline: what that timer cancelled must count as past the deadline too.
    /// </summary>
    public static bool HasPassed(ServerCallContext context)
    {
        if (HttpContextOf(context)?.Features.Get<RestCallDeadline>() is { Reached.IsCancellationRequested: true }) return true;
        return Of(context) is { } deadline && DateTime.UtcNow >= deadline;
    }

    // Every context ASP.NET Core hosts (gRPC and transcoded) has one; a hand-made context may not.
    private static HttpContext? HttpContextOf(ServerCallContext context)
    {
        try { return context.GetHttpContext(); }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>
    /// For a call that is not gRPC (a transcoded REST call), the deadline its grpc-timeout header
    /// gives from now; null for gRPC calls (grpc-dotnet reads theirs) and when there is no valid header.
    /// </summary>
    public static DateTime? FromRestHeader(HttpContext http)
    {
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true) return null;
        if (!GrpcTimeout.TryParse(http.Request.Headers[GrpcTimeout.Header].ToString(), out var timeout)) return null;
        var now = DateTime.UtcNow;
        return timeout >= DateTime.MaxValue - now ? null : now + timeout;
    }
}

/// <summary>A REST call's deadline, set on its HttpContext when it arrives; <paramref name="Reached"/> is cancelled when it
/// passes.</summary>
public sealed record RestCallDeadline(DateTime Deadline, CancellationToken Reached = default);
