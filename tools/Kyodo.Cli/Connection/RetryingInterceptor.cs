using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Common.V1;

namespace Kyodo.Cli.Connection;

/// <summary>
/// The one place calls are tried again (every command's calls pass through it): after the
/// gateway's rate limiter refuses, once its pushback has passed; after UNAVAILABLE, with a short
/// doubling backoff, for calls <see cref="RetryPolicy.IsIdempotent"/> allows and calls carrying a
/// request_id (each unary call that takes one gets one, kept for its repeats). Each wait is told on
/// standard error with its reason, and so is giving up; the last failure then goes to the caller.
/// A server stream is retried only until its first message arrives (a later failure would repeat
/// what was already read).
/// </summary>
internal sealed class RetryingInterceptor(RetryPolicy policy, TextWriter messages) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        AsyncUnaryCall<TResponse>? current = null;
        // One request_id for the call and every repeat of it: a create whose answer was lost answers the first answer.
        var sent = RequestIdField.WithOne(request);
        var response = RepeatAsync(context.Method, context.Options, async () =>
        {
            current?.Dispose();
            current = continuation(sent, context);
            return await current.ResponseAsync;
        }, sent is Google.Protobuf.IMessage m && RequestIdField.Read(m).Length > 0);
        return new AsyncUnaryCall<TResponse>(response, HeadersAfter(response, () => current!.ResponseHeadersAsync),
            () => current!.GetStatus(), () => current!.GetTrailers(), () => current?.Dispose());
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var reader = new FirstMessageRetryingReader<TResponse>(this, context.Method, context.Options, () => continuation(request, context));
        return new AsyncServerStreamingCall<TResponse>(reader, reader.HeadersAsync(), () => reader.Current.GetStatus(),
            () => reader.Current.GetTrailers(), () => reader.Current.Dispose());
    }

    private static async Task<Metadata> HeadersAfter<T>(Task<T> response, Func<Task<Metadata>> headers)
    {
        try { await response; }
        catch (RpcException) { }
        return await headers();
    }

    private async Task<T> RepeatAsync<T>(IMethod method, CallOptions options, Func<Task<T>> attempt, bool carriesRequestId = false)
    {
        var idempotent = carriesRequestId || RetryPolicy.IsIdempotent(method.ServiceName, method.Name);
        var waited = TimeSpan.Zero;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (RpcException e)
            {
                var wait = policy.WaitFor(e, idempotent, number + 1, out var reason);
                if (wait is null) throw;
                var call = $"{method.ServiceName}/{method.Name}";
                if (!policy.Allows(number + 1, waited, wait.Value))
                {
                    var bound = number + 1 > policy.MaxAttempts
                        ? $"--max-attempts {policy.MaxAttempts} used up"
                        : $"waiting {Seconds(wait.Value)} more would pass --max-wait {Seconds(policy.MaxWait)}";
                    messages.WriteLine($"kyodo: giving up on {call} after {number} attempt{(number == 1 ? "" : "s")} "
                        + $"({Seconds(waited)} waited; {bound}): {reason}");
                    throw;
                }
                if (options.Deadline is { } deadline && DateTime.UtcNow + wait.Value >= deadline.ToUniversalTime()) throw;
                messages.WriteLine(
                    $"kyodo: {reason}; waiting {Seconds(wait.Value)} before attempt {number + 1} of {policy.MaxAttempts} ({call})");
                await Task.Delay(wait.Value, options.CancellationToken);
                waited += wait.Value;
            }
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>Starts the stream again while no message has been read; after the first, failures pass through.</summary>
    private sealed class FirstMessageRetryingReader<T>(RetryingInterceptor owner, IMethod method, CallOptions options,
        Func<AsyncServerStreamingCall<T>> start) : IAsyncStreamReader<T>
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _reading;

        public AsyncServerStreamingCall<T> Current { get; private set; } = start();

        T IAsyncStreamReader<T>.Current => Current.ResponseStream.Current;

        /// <summary>The headers of the attempt that was read from: known once the first message (or the last failure) is.</summary>
        public async Task<Metadata> HeadersAsync()
        {
            await _started.Task;
            return await Current.ResponseHeadersAsync;
        }

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (_reading) return await Current.ResponseStream.MoveNext(cancellationToken);
            var first = true;
            try
            {
                var any = await owner.RepeatAsync(method, options, async () =>
                {
                    if (!first)
                    {
                        Current.Dispose();
                        Current = start();
                    }
                    first = false;
                    return await Current.ResponseStream.MoveNext(cancellationToken);
                });
                _reading = true;
                return any;
            }
            finally
            {
                _started.TrySetResult();
            }
        }
    }
}
