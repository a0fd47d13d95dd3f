using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Kyodo.Cli.Tests;

/// <summary>
/// Lets the <paramref name="nth"/> call of <paramref name="method"/> reach the real service and
/// do its work, then drops the answer: the command sees <paramref name="lostAs"/>, by default
/// DEADLINE_EXCEEDED, as when a deadline passes (or Ctrl+C comes) just before a committed write's
/// answer arrives; UNAVAILABLE, as when the connection breaks then, makes kyodo resend the call.
/// </summary>
internal sealed class AnswerLostAt(string method, int nth = 1, StatusCode lostAs = StatusCode.DeadlineExceeded) : Interceptor
{
    private int _seen;

    /// <summary>Whether the chosen call was made and answered by the service.</summary>
    public bool Happened { get; private set; }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Method.FullName != method || Interlocked.Increment(ref _seen) != nth) return continuation(request, context);
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(LoseAsync(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers,
            call.Dispose);
    }

    private async Task<T> LoseAsync<T>(Task<T> response)
    {
        await response;
        Happened = true;
        throw new RpcException(new Status(lostAs, "the answer was lost (test)"));
    }

    public Func<CallInvoker, CallInvoker> Wrap => invoker => invoker.Intercept(this);
}
