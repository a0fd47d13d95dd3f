using Kyodo.Budget;
using Kyodo.Gateway;
using Kyodo.Plan;
using Kyodo.Reporting;
using Kyodo.Subsidy;
using Kyodo.Testing;
using Kyodo.Web;
using Microsoft.AspNetCore.Builder;

namespace Kyodo.Web.Testing;

/// <summary>
/// The whole system on loopback ports of this process, as the end-to-end tests start it (four
/// services with fresh databases, one RabbitMQ virtual host, every app on the test Auth
/// settings), the web app, and the seed dataset imported by the same importer `./dev up` runs
/// (<c>kyodo import data/seed</c>). Browsers come in through a gateway that routes /app/ to the
/// web app, and the web app calls the API through a gateway: two instances of the same stateless
/// gateway, since each needs the other's address before it starts (ports are bound at 0).
/// </summary>
public sealed class WebSystem : IAsyncDisposable
{
    private readonly OwnedResources _owned = new();

    /// <summary>The gateway the web app calls (and the tests ask the API through).</summary>
    public ServiceUnderTest Gateway { get; private set; } = null!;
    public ServiceUnderTest Web { get; private set; } = null!;
    /// <summary>The gateway browsers use: its REST (HTTP/1.1) port routes /app/ to the web app.</summary>
    public ServiceUnderTest BrowserGateway { get; private set; } = null!;

    /// <summary>The web app's address as a browser reaches it, ending in /app/.</summary>
    public Uri AppAddress => new(BrowserGateway.RestAddress, GatewayRoutes.WebPrefix + "/");

    public static async Task<WebSystem> StartAsync(string name, IReadOnlyDictionary<string, string?>? gatewaySettings = null)
    {
        var system = new WebSystem();
        try
        {
            await system.StartServicesAsync(name, gatewaySettings ?? new Dictionary<string, string?>());
            await SeedData.ImportAsync(system.Gateway);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    // The web app's appsettings.json may be the one in this output folder (each referenced app
    // copies its own): its endpoint "Web" (5140) is bound at port 0 in every app, never at 5140.
    private static readonly Dictionary<string, string?> NoFixedPorts = new()
    {
        ["Kestrel:Endpoints:Web:Url"] = "http://127.0.0.1:0",
        ["Kestrel:Endpoints:Web:Protocols"] = "Http1",
    };

    private async Task StartServicesAsync(string name, IReadOnlyDictionary<string, string?> gatewaySettings)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, name));
        async Task<ServiceUnderTest> Start(string prefix, string connection,
            Func<string[], Action<WebApplicationBuilder>?, WebApplication> create, Dictionary<string, string?>? extra = null)
        {
            var database = _owned.Own(await TestDatabase.CreateAsync(infrastructure, $"{name}_{prefix}"));
            var settings = ServiceSettings.For(connection, database, virtualHost);
            foreach (var (key, value) in NoFixedPorts.Concat(extra ?? [])) settings[key] = value;
            return _owned.Own(await ServiceUnderTest.StartAsync(create, settings));
        }
        // Reporting first: its queues must exist before anyone publishes.
        var reporting = await Start("reporting", "Reporting", ReportingApp.Create);
        var plan = await Start("plan", "Plan", PlanApp.Create);
        var budget = await Start("budget", "Budget", BudgetApp.Create, new() { ["Services:Plan"] = plan.GrpcAddress.ToString() });
        var subsidy = await Start("subsidy", "Subsidy", SubsidyApp.Create, new() { ["Services:Budget"] = budget.GrpcAddress.ToString() });

        var gateway = new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Plan"] = plan.GrpcAddress.ToString(),
            ["Services:Budget"] = budget.GrpcAddress.ToString(),
            ["Services:Subsidy"] = subsidy.GrpcAddress.ToString(),
            ["Services:Reporting"] = reporting.GrpcAddress.ToString(),
            ["Services:Web"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
            // As ./dev up: the seed import calls as one subject, call after call.
            ["Gateway:RateLimit:RequestsPerSecond"] = "1000",
            ["Gateway:RateLimit:Burst"] = "5000",
        };
        foreach (var (key, value) in NoFixedPorts.Concat(gatewaySettings)) gateway[key] = value;
        Gateway = _owned.Own(await ServiceUnderTest.StartAsync(GatewayApp.Create, gateway));

        Web = _owned.Own(await ServiceUnderTest.StartAsync(WebApp.Create, new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Gateway"] = Gateway.GrpcAddress.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Kestrel:Endpoints:Web:Url"] = "http://127.0.0.1:0",
        }));

        // The web app serves pages on its HTTP/1.1 listener (ServiceUnderTest's Rest endpoint here).
        gateway["Services:Web"] = Web.RestAddress.ToString();
        BrowserGateway = _owned.Own(await ServiceUnderTest.StartAsync(GatewayApp.Create, gateway));
    }

    public ValueTask DisposeAsync() => _owned.DisposeAsync();
}
