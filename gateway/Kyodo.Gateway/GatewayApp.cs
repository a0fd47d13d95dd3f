namespace Kyodo.Gateway;

/// <summary>Builds the gateway; Program runs it, tests start it on their own ports.</summary>
public static class GatewayApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "O"; });

        var backends = BackendServices.FromConfiguration(builder.Configuration);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(GrpcRoutes.Routes(backends), GrpcRoutes.Clusters(backends))
            .ConfigureHttpClient((_, handler) =>
            {
                // A backend that is down must fail fast, not hang the caller.
                handler.ConnectTimeout = TimeSpan.FromSeconds(3);
            });
        builder.Services.AddHealthChecks();

        var app = builder.Build();
        app.MapHealthChecks("/healthz");
        app.MapHealthChecks("/readyz");
        app.MapReverseProxy(proxy => proxy.UseMiddleware<GrpcProxyErrorMiddleware>());
        return app;
    }
}
