namespace Kyodo.Deployment.Tests;

/// <summary>
/// The derivation the other tests rely on finds what the code is known to read, so a check
/// against it cannot pass by finding nothing.
/// </summary>
public class SourceDerivationTests
{
    [Fact]
    public void TheFourServicesAndTheGatewayAreFoundWithTheirPorts()
    {
        Assert.Equal(["budget", "gateway", "plan", "reporting", "subsidy"], Apps.All.Select(a => a.Name).Order());
        Assert.Equal((5101, 5102), (Apps.Named("plan").GrpcPort, Apps.Named("plan").HealthPort));
        Assert.Equal((5111, 5112), (Apps.Named("budget").GrpcPort, Apps.Named("budget").HealthPort));
        Assert.Equal((5121, 5122), (Apps.Named("subsidy").GrpcPort, Apps.Named("subsidy").HealthPort));
        Assert.Equal((5131, 5132), (Apps.Named("reporting").GrpcPort, Apps.Named("reporting").HealthPort));
        Assert.Equal((5080, 5081, 5082), (Apps.Named("gateway").GrpcPort, Apps.Named("gateway").HealthPort, Apps.Named("gateway").RestPort));
        Assert.Null(Apps.Named("plan").RestPort);
        foreach (var app in Apps.All)
            Assert.Superset(new HashSet<string> { "/healthz", "/readyz" }, app.ServedHealthPaths.ToHashSet());
        Assert.Contains("services/Kyodo.ServiceDefaults", Apps.Named("plan").ProjectDirs);
        Assert.Contains("protos", Apps.Named("plan").ProjectDirs);
        // The gateway: protos only for reflection's descriptors, Security for token validation.
        Assert.Equal(["gateway/Kyodo.Gateway", "protos", "services/Kyodo.Security"], Apps.Named("gateway").ProjectDirs);
    }

    [Fact]
    public void KeysReadInCodeAreFound()
    {
        var plan = Apps.Named("plan").Keys;
        foreach (var key in new[] { "ConnectionStrings:Plan", "RabbitMq:Host", "RabbitMq:Port", "RabbitMq:VirtualHost", "RabbitMq:Username",
                     "RabbitMq:Password", "Database:MigrateOnStartup", "Messaging:OutboxPollInterval", "Messaging:ConsumerRetryIntervals:0",
                     "Logging:Format", "OTEL_EXPORTER_OTLP_ENDPOINT", "Kestrel:Endpoints:Health:Url" })
            Assert.True(plan.Reads(key), "plan should read " + key);
        foreach (var key in new[] { "Services:Plan", "Services:Budget", "ConnectionStrings:Budget", "Messaging:Nonsense", "Logging__Format" })
            Assert.False(plan.Reads(key), "plan does not read " + key);
        Assert.Equal(["ConnectionStrings:Plan", "RabbitMq:Host", "RabbitMq:Password", "RabbitMq:Username"], plan.Required.Order());
        Assert.Equal(["Auth:Audience"], plan.RequiredToServe);
        foreach (var key in new[] { "Auth:Authority", "Auth:Issuer", "Auth:SigningKey", "Auth:ClockSkew", "Auth:RequireHttpsMetadata" })
            Assert.True(plan.Reads(key), "plan should read " + key);
        Assert.Equal("Auth:Authority", plan.RequiredUnless["Auth:SigningKey"]);
        Assert.Equal(["Auth:Audience", "Auth:Issuer (or Auth:Authority)", "Auth:SigningKey (or Auth:Authority)"],
            plan.MissingFrom(new HashSet<string>(plan.Required, StringComparer.OrdinalIgnoreCase)));
        Assert.Empty(plan.MissingFrom(new HashSet<string>(plan.Required, StringComparer.OrdinalIgnoreCase), serving: false));
        Assert.Empty(plan.MissingFrom(new HashSet<string>(plan.Required.Append("auth:authority").Append("Auth:Audience"), StringComparer.OrdinalIgnoreCase)));

        var budget = Apps.Named("budget").Keys;
        Assert.True(budget.Reads("PlanService:Timeout"));
        Assert.Contains("Services:Plan", budget.Required);

        var gateway = Apps.Named("gateway").Keys;
        Assert.Equal(["Services:Budget", "Services:Plan", "Services:Reporting", "Services:Subsidy"], gateway.Required.Order());
        Assert.False(gateway.Reads("Logging:Format"));
        Assert.True(gateway.Reads("OTEL_EXPORTER_OTLP_ENDPOINT")); // it exports its own traces and metrics
        Assert.True(gateway.Reads("Errors:DefaultLanguage"));
        Assert.False(gateway.Reads("RabbitMq:Host"));
    }
}
