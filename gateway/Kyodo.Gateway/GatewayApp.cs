using Kyodo.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace Kyodo.Gateway;

/// <summary>Builds the gateway; Program runs it, tests start it on their own ports.</summary>
public static class GatewayApp
{
    /// <summary>The largest request the gateway's own health and reflection services read.</summary>
    public const int OwnServicesMaxMessageBytes = 64 * 1024;

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "O"; });
        // RequestSizeLimit reads a gRPC body's first frame header before forwarding, so the
        // forwarder can no longer lift Kestrel's body limit for the stream (the cap stays ours, as
        // intended) and would warn "Unable to disable max request body size" on every call.
        // Its errors are still logged (GrpcProxyErrorMiddleware logs unreachable backends).
        builder.Logging.AddFilter("Yarp.ReverseProxy.Forwarder.HttpForwarder", LogLevel.Error);
        builder.AddGatewayTelemetry();

        var backends = BackendServices.FromConfiguration(builder.Configuration);
        var options = GatewayOptions.Read(builder.Configuration);
        var web = WebBackend.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(ErrorLanguages.FromSetting(builder.Configuration["Errors:DefaultLanguage"]));
        builder.Services.AddSingleton(backends);
        builder.Services.AddSingleton<BackendChannels>();

        builder.Services.AddKyodoJwtBearer(builder.Configuration);
        builder.Services.AddAuthorization();
        builder.Services.AddCallerRateLimiting(options.RateLimit);

        // The gateway's own gRPC services (health, reflection); Kyodo's are proxied. Their requests
        // are tiny, and health answers without a token: a small cap (grpc-dotnet applies it to a
        // compressed message inflated, too).
        builder.Services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = false;
            grpc.MaxReceiveMessageSize = OwnServicesMaxMessageBytes;
        });
        builder.Services.AddGatewayReflection();

        builder.Services.AddReverseProxy()
            .LoadFromMemory(GatewayRoutes.Routes(options, web), GatewayRoutes.Clusters(backends, web))
            .ConfigureHttpClient((_, handler) =>
            {
                // A backend that is down must fail fast, not hang the caller.
                handler.ConnectTimeout = TimeSpan.FromSeconds(3);
            });
        builder.Services.AddHealthChecks();

        var app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();          // sets the caller, whom the rate limiter keys on
        app.UseRateLimiter();             // before the token check: bad-token floods are limited too
        app.UseMiddleware<GatewayAuthentication>();

        // Probes and load balancers carry no token, and these answer only up / not up.
        app.MapHealthChecks("/healthz").AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/readyz").AllowAnonymous().DisableRateLimiting();
        app.MapGrpcService<GatewayHealthService>().AllowAnonymous();
        // Reflection needs a token: it is for operators and describes the whole API.
        app.MapGatewayReflection();
        // The REST surface's OpenAPI document and reference page: made from the published protos.
        app.MapApiReference();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<DefaultDeadline>();
            proxy.UseMiddleware<RequestSizeLimit>();
            proxy.UseMiddleware<GrpcProxyErrorMiddleware>();
        });
        return app;
    }
}
