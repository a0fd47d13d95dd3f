using Kyodo.Web.Components;
using Kyodo.Web.Exports;
using Kyodo.Web.Gateway;
using Kyodo.Web.Hosting;
using Kyodo.Web.Presentation;
using Kyodo.Web.SignIn;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;

namespace Kyodo.Web;

/// <summary>Builds the web app; Program runs it, tests start it on their own ports.</summary>
public static class WebApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "O"; });

        var options = WebOptions.Read(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddKyodoSignIn(builder.Configuration);
        builder.Services.AddGatewayClients(options);
        builder.Services.AddScoped<PlanRollups>();
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton<GatewayReadiness>();
        builder.Services.AddHealthChecks().AddCheck<GatewayReadiness>("gateway", tags: ["ready"]);
        // Browsers reach the app only through the gateway (the NetworkPolicy admits nothing else),
        // which names the host and scheme they used: redirects and sign-in callbacks must use those.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });

        var app = builder.Build();
        app.UsePathBase(options.PathBase);
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapStaticAssets().AllowAnonymous();
        app.MapSignIn();
        app.MapExports();
        app.MapRazorComponents<App>();
        return app;
    }
}
