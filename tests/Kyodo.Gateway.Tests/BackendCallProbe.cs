using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Kyodo.Gateway.Tests;

/// <summary>
/// Sits inside a real service and records every Kyodo call that reaches it (gRPC or
/// transcoded REST): how many, the authorization header and the deadline it arrived with. Lets
/// a test prove the gateway refused a call before the service saw it.
/// </summary>
public sealed class BackendCallProbe : Interceptor
{
    private readonly ConcurrentQueue<SeenCall> _calls = new();

    public sealed record SeenCall(string Method, string? Authorization, DateTime Deadline, DateTime ReceivedAt);

    public IReadOnlyList<SeenCall> Calls => _calls.ToArray();

    /// <summary>Calls seen whose authorization header carries <paramref name="token"/>.</summary>
    public int CountWith(string token) => _calls.Count(c => c.Authorization == "Bearer " + token);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (context.Method.StartsWith("/kyodo.", StringComparison.Ordinal))
            _calls.Enqueue(new SeenCall(context.Method, context.RequestHeaders.GetValue("authorization"), context.Deadline, DateTime.UtcNow));
        return continuation(request, context);
    }
}
