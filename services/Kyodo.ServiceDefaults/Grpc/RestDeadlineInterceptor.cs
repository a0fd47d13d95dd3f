using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>
/// Gives a REST call (JSON transcoding, whose ServerCallContext reports no deadline) the deadline
/// of its grpc-timeout header, as grpc-dotnet does for gRPC calls: kept as <see cref="RestCallDeadline"/>
/// (so service-to-service calls carry what remains of it and a call that overran it answers
/// DEADLINE_EXCEEDED) and enforced on the call's cancellation token, so the handler's work stops
/// there. The gateway always sends the header: the caller's own, or its default deadline.
/// </summary>
public sealed class RestDeadlineInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Apply(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Apply(context);
        return continuation(request, responseStream, context);
    }

    private static void Apply(ServerCallContext context)
    {
        // gRPC calls have theirs already; transcoding handles only unary and server-streaming calls.
        if (context.Deadline != DateTime.MaxValue) return;
        var http = context.GetHttpContext();
        if (http.Features.Get<RestCallDeadline>() is not null || CallDeadline.FromRestHeader(http) is not { } deadline) return;

        var reached = new CancellationTokenSource();
        var wait = deadline - DateTime.UtcNow;
        if (wait < TimeSpan.FromDays(24)) reached.CancelAfter(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        http.Features.Set(new RestCallDeadline(deadline, reached.Token));
        // Transcoding's ServerCallContext.CancellationToken is HttpContext.RequestAborted, read live.
        var bounded = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, reached.Token);
        http.Response.RegisterForDispose(bounded);
        http.Response.RegisterForDispose(reached);
        http.RequestAborted = bounded.Token;
    }
}
