using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Kyodo.Cli.Tests;

/// <summary>
/// Makes a real change through the system just before the <paramref name="nth"/> call of
/// <paramref name="method"/> leaves the command, as if someone else wrote between the command's
/// checks and its write; the call then goes to the service unchanged.
/// </summary>
internal sealed class ConcurrentChangeAt(string method, int nth, Func<Task> change) : Interceptor
{
    private int _seen;

    /// <summary>Whether the change was made before the chosen call.</summary>
    public bool Happened { get; private set; }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Method.FullName != method || Interlocked.Increment(ref _seen) != nth) return continuation(request, context);
        AsyncUnaryCall<TResponse>? call = null;
        async Task<TResponse> AfterChangeAsync()
        {
            await change();
            Happened = true;
            call = continuation(request, context);
            return await call.ResponseAsync;
        }
        var response = AfterChangeAsync();
        return new AsyncUnaryCall<TResponse>(response, HeadersAsync(response, () => call!.ResponseHeadersAsync),
            () => call!.GetStatus(), () => call!.GetTrailers(), () => call?.Dispose());
    }

    private static async Task<Metadata> HeadersAsync<T>(Task<T> response, Func<Task<Metadata>> headers)
    {
        try { await response; }
        catch (RpcException) { }
        return await headers();
    }

    public Func<CallInvoker, CallInvoker> Wrap => invoker => invoker.Intercept(this);
}
