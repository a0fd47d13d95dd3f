namespace Kyodo.Deployment.Tests;

/// <summary>
/// The derivation the other tests rely on finds what the code is known to read, so a check
/// against it cannot pass by finding nothing.
/// </summary>
public class SourceDerivationTests
{
    [Fact]
    public void TheFourServicesTheGatewayAndTheWebAppAreFoundWithTheirPorts()
    {
        Assert.Equal(["budget", "gateway", "plan", "reporting", "subsidy", "web"], Apps.All.Select(a => a.Name).Order());
        Assert.Equal((5101, 5102), (Apps.Named("plan").CallPort, Apps.Named("plan").HealthPort));
        Assert.Equal((5111, 5112), (Apps.Named("budget").CallPort, Apps.Named("budget").HealthPort));
        Assert.Equal((5121, 5122), (Apps.Named("subsidy").CallPort, Apps.Named("subsidy").HealthPort));
        Assert.Equal((5131, 5132), (Apps.Named("reporting").CallPort, Apps.Named("reporting").HealthPort));
        Assert.Equal((5080, 5081, 5082),
            (Apps.Named("gateway").CallPort, Apps.Named("gateway").HealthPort, Apps.Named("gateway").RestPort));
        Assert.Null(Apps.Named("plan").RestPort);
        Assert.Equal((AppKind.Web, 5140, 5141), (Apps.Named("web").Kind, Apps.Named("web").CallPort, Apps.Named("web").HealthPort));
        Assert.Null(Apps.Named("web").Database);
        foreach (var app in Apps.All)
            Assert.Superset(new HashSet<string> { "/healthz", "/readyz" }, app.ServedHealthPaths.ToHashSet());
        Assert.Contains("services/Kyodo.ServiceDefaults", Apps.Named("plan").ProjectDirs);
        Assert.Contains("protos", Apps.Named("plan").ProjectDirs);
        // The audit trail: its own project, in the three services that keep one; reporting keeps none.
        foreach (var name in new[] { "plan", "budget", "subsidy" })
            Assert.Contains("services/Kyodo.Audit", Apps.Named(name).ProjectDirs);
        Assert.DoesNotContain("services/Kyodo.Audit", Apps.Named("reporting").ProjectDirs);
        // The gateway: protos only for reflection's descriptors, Security for token validation.
        Assert.Equal(["gateway/Kyodo.Gateway", "protos", "services/Kyodo.Security"], Apps.Named("gateway").ProjectDirs);
        // The web app: the generated clients, token handling and Japanese text; no service, database or bus.
        Assert.Equal(["web/Kyodo.Web", "protos", "services/Kyodo.Security", "services/Kyodo.Japanese"], Apps.Named("web").ProjectDirs);
    }

    [Fact]
    public void KeysReadInCodeAreFound()
    {
        var plan = Apps.Named("plan").Keys;
        foreach (var key in new[] { "ConnectionStrings:Plan", "RabbitMq:Host", "RabbitMq:Port", "RabbitMq:VirtualHost", "RabbitMq:Username",
                     "RabbitMq:Password", "Database:MigrateOnStartup", "Messaging:OutboxPollInterval", "Messaging:ConsumerRetryIntervals:0",
                     "Logging:Format", "OTEL_EXPORTER_OTLP_ENDPOINT", "Kestrel:Endpoints:Health:Url" })
            Assert.True(plan.Reads(key), "plan should read " + key);
        foreach (var key in new[] { "Services:Plan", "Services:Budget", "ConnectionStrings:Budget", "Messaging:Nonsense",
            "Logging__Format" })
            Assert.False(plan.Reads(key), "plan does not read " + key);
        Assert.Equal(["ConnectionStrings:Plan", "RabbitMq:Host", "RabbitMq:Password", "RabbitMq:Username"], plan.Required.Order());
        Assert.Equal(["Auth:Audience"], plan.RequiredToServe);
        foreach (var key in new[] { "Auth:Authority", "Auth:Issuer", "Auth:SigningKey", "Auth:ClockSkew", "Auth:RequireHttpsMetadata" })
            Assert.True(plan.Reads(key), "plan should read " + key);
        Assert.Equal("Auth:Authority", plan.RequiredUnless["Auth:SigningKey"]);
        Assert.Equal(["Auth:Audience", "Auth:Issuer (or Auth:Authority)", "Auth:SigningKey (or Auth:Authority)"],
            plan.MissingFrom(new HashSet<string>(plan.Required, StringComparer.OrdinalIgnoreCase)));
        Assert.Empty(plan.MissingFrom(new HashSet<string>(plan.Required, StringComparer.OrdinalIgnoreCase), serving: false));
        Assert.Empty(plan.MissingFrom(
            new HashSet<string>(plan.Required.Append("auth:authority").Append("Auth:Audience"), StringComparer.OrdinalIgnoreCase)));

        var budget = Apps.Named("budget").Keys;
        Assert.True(budget.Reads("PlanService:Timeout"));
        Assert.Contains("Services:Plan", budget.Required);

        var gateway = Apps.Named("gateway").Keys;
        Assert.Equal(["Services:Budget", "Services:Plan", "Services:Reporting", "Services:Subsidy", "Services:Web"],
            gateway.Required.Order());
        Assert.False(gateway.Reads("Logging:Format"));
        Assert.True(gateway.Reads("OTEL_EXPORTER_OTLP_ENDPOINT")); // it exports its own traces and metrics
        Assert.True(gateway.Reads("Errors:DefaultLanguage"));
        Assert.False(gateway.Reads("RabbitMq:Host"));

        var web = Apps.Named("web").Keys;
        Assert.Equal(["Services:Gateway"], web.Required.Order());
        foreach (var key in new[] { "Web:PathBase", "Oidc:ClientId", "Oidc:ClientSecret", "Oidc:Scopes", "Auth:Authority",
            "Kestrel:Endpoints:Web:Url" })
            Assert.True(web.Reads(key), "web should read " + key);
        Assert.False(web.Reads("RabbitMq:Host"));
        Assert.False(web.Reads("ConnectionStrings:Plan"));
    }
}
