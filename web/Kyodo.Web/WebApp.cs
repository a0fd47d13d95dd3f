using System.Text.Encodings.Web;
using System.Text.Unicode;
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
        // Named, so that in another host (the tests') the static files are still this app's.
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ApplicationName = typeof(WebApp).Assembly.GetName().Name });
        // A built (not published) app finds its static files where its runtime manifest says
        // (wwwroot, obj/compressed) in any environment; a published one has no such manifest and
        // serves its own wwwroot.
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);
        builder.Logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "O"; });

        var options = WebOptions.Read(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddKyodoDataProtection(builder.Configuration);
        builder.Services.AddKyodoSignIn(builder.Configuration);
        builder.Services.AddGatewayClients(options);
        builder.Services.AddScoped<PlanRollups>();
        // Japanese as characters, not numeric references (the default encoder escapes all but Latin):
        // pages are a third the size, and their source reads as the documents do.
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
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
        // Blazor sends a page that set 404 (NOT_FOUND from the API) without its body, for status
        // code pages to fill: they render /status/404 in the same request, the status kept.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
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
