using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Kyodo.ServiceDefaults.Tests;

/// <summary>
/// The context of a call being served, as ASP.NET Core hosts one: gRPC's deadline (DateTime.MaxValue
/// for none, and for every call JSON transcoding serves) and the HttpContext it came in on.
/// </summary>
public sealed class ServedCall(DateTime deadline, HttpContext? http = null) : ServerCallContext
{
    private readonly Dictionary<object, object> _userState = http is null ? [] : new() { ["__HttpContext"] = http };

    /// <summary>A call on <paramref name="http"/>, reachable from it as ASP.NET Core does (IServerCallContextFeature).</summary>
    public static ServedCall On(HttpContext http, DateTime deadline)
    {
        var call = new ServedCall(deadline, http);
        http.Features.Set<IServerCallContextFeature>(new Feature(call));
        return call;
    }

    /// <summary>An incoming REST call: a JSON request with the given grpc-timeout header (none when null).</summary>
    public static DefaultHttpContext RestRequest(string? grpcTimeout, string contentType = "application/json")
    {
        var http = new DefaultHttpContext();
        http.Request.ContentType = contentType;
        if (grpcTimeout is not null) http.Request.Headers["grpc-timeout"] = grpcTimeout;
        return http;
    }

    protected override string MethodCore => "/kyodo.budget.v1.BudgetService/CreateBudgetLine";
    protected override string HostCore => "localhost";
    protected override string PeerCore => "ipv4:127.0.0.1:1";
    protected override DateTime DeadlineCore => deadline;
    protected override Metadata RequestHeadersCore => [];
    protected override CancellationToken CancellationTokenCore => http?.RequestAborted ?? CancellationToken.None;
    protected override Metadata ResponseTrailersCore => [];
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore => new(null, []);
    protected override IDictionary<object, object> UserStateCore => _userState;
    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException();
    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;

    private sealed class Feature(ServerCallContext context) : IServerCallContextFeature
    {
        public ServerCallContext ServerCallContext { get; } = context;
    }
}
