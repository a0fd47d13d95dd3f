using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Testing;

namespace Kyodo.Cli.Tests;

/// <summary>
/// Takes one service away (the TCP proxy the gateway reaches it through) for exactly one call:
/// the <paramref name="nth"/> call of <paramref name="method"/> (e.g. /kyodo.plan.v1.PlanService/ImportPlan)
/// meets a real outage, as if the service went down just then, and the service is back for every
/// call after it (the import's undo). Nothing answers in the service's place.
/// </summary>
internal sealed class OutageAt(TcpProxy path, string method, int nth = 1) : Interceptor
{
    private int _seen;

    /// <summary>Whether the chosen call was made (so a test knows it failed where it meant).</summary>
    public bool Happened { get; private set; }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Method.FullName != method || Interlocked.Increment(ref _seen) != nth) return continuation(request, context);
        path.TakeDown();
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(BringUpAfterAsync(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus,
            call.GetTrailers, call.Dispose);
    }

    private async Task<T> BringUpAfterAsync<T>(Task<T> response)
    {
        try
        {
            return await response;
        }
        finally
        {
            Happened = true;
            path.BringUp();
        }
    }

    public Func<CallInvoker, CallInvoker> Wrap => invoker => invoker.Intercept(this);
}
