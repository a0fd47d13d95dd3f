using System.Collections.Concurrent;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.Testing;

/// <summary>
/// Sits inside a real service and records what reaches it, at two depths: every Kyodo HTTP request
/// its Kestrel hands to the app (before gRPC reads the message, so even a request the service itself
/// would refuse for its size is seen), and every Kyodo call that reaches the interceptors (gRPC or
/// transcoded REST) with the deadline it arrived with. Lets a test prove the gateway refused a call
/// before the service saw any of it, and what deadline a service-to-service hop carried. Calls
/// carrying a token given to <see cref="Stall"/> hang until their deadline (or their caller) ends them:
/// a dependency that does not answer.
/// </summary>
public sealed class BackendCallProbe : Interceptor
{
    private readonly ConcurrentQueue<SeenRequest> _requests = new();
    private readonly ConcurrentQueue<SeenCall> _calls = new();
    private readonly ConcurrentDictionary<string, byte> _stalled = new();

    /// <summary>An HTTP request as it arrived: path, authorization, grpc-timeout and content type headers.</summary>
    public sealed record SeenRequest(string Path, string? Authorization, string? GrpcTimeout, string? ContentType);

    /// <summary>A call as the interceptors saw it: gRPC's deadline (DateTime.MaxValue when none, and for every transcoded call).</summary>
    public sealed record SeenCall(string Method, string? Authorization, DateTime Deadline, DateTime ReceivedAt);

    public IReadOnlyList<SeenRequest> Requests => _requests.ToArray();
    public IReadOnlyList<SeenCall> Calls => _calls.ToArray();

    /// <summary>Calls seen whose authorization header carries <paramref name="token"/>.</summary>
    public int CountWith(string token) => _calls.Count(c => c.Authorization == "Bearer " + token);

    /// <summary>HTTP requests seen whose authorization header carries <paramref name="token"/>.</summary>
    public int RequestsWith(string token) => _requests.Count(r => r.Authorization == "Bearer " + token);

    /// <summary>From now on, calls carrying <paramref name="token"/> do not answer until their deadline passes.</summary>
    public void Stall(string token) => _stalled[token] = 0;

    /// <summary>Puts the probe into the app <paramref name="builder"/> builds (call before AddServiceDefaults: it is then
    /// outermost).</summary>
    public void Install(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(this);
        builder.Services.AddSingleton<IStartupFilter>(new RecordRequests(this));
        builder.Services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<BackendCallProbe>());
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await SeeAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await SeeAsync(context);
        await continuation(request, responseStream, context);
    }

    private async Task SeeAsync(ServerCallContext context)
    {
        if (!context.Method.StartsWith("/kyodo.", StringComparison.Ordinal)) return;
        var authorization = context.RequestHeaders.GetValue("authorization");
        _calls.Enqueue(new SeenCall(context.Method, authorization, context.Deadline, DateTime.UtcNow));
        if (authorization is { Length: > 7 } && _stalled.ContainsKey(authorization["Bearer ".Length..]))
        {
            // gRPC cancels the call's token at its deadline; then the call fails as it would have.
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
    }

    private sealed class RecordRequests(BackendCallProbe probe) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate rest) =>
            {
                var headers = http.Request.Headers;
                // Health probes and gRPC's own services are not Kyodo calls.
                if (http.Request.Path.StartsWithSegments("/healthz") || http.Request.Path.StartsWithSegments("/readyz")
                    || http.Request.Path.Value?.StartsWith("/grpc.", StringComparison.Ordinal) == true) return rest(http);
                probe._requests.Enqueue(new SeenRequest(http.Request.Path, Header(headers.Authorization), Header(headers["grpc-timeout"]),
                    http.Request.ContentType));
                return rest(http);
            });
            next(app);
        };

        private static string? Header(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();
    }
}
