using Kyodo.Budget;
using Kyodo.Gateway;
using Kyodo.Plan;
using Kyodo.Reporting;
using Kyodo.Subsidy;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// The whole system on real ports: four services, each with its own fresh database, sharing
/// one RabbitMQ virtual host, behind the gateway. Tests talk only to the gateway.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private readonly OwnedResources _owned = new();

    public TestVirtualHost VirtualHost { get; private set; } = null!;
    public ServiceUnderTest Plan { get; private set; } = null!;
    public ServiceUnderTest Budget { get; private set; } = null!;
    public ServiceUnderTest Subsidy { get; private set; } = null!;
    public ServiceUnderTest Reporting { get; private set; } = null!;
    public ServiceUnderTest Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        VirtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "e2e"));

        // Reporting first: its queues must exist before anyone publishes (RabbitMQ drops
        // messages sent to an exchange that no queue is bound to).
        Reporting = await StartServiceAsync(infrastructure, "e2e_reporting", "Reporting", ReportingApp.Create);
        Plan = await StartServiceAsync(infrastructure, "e2e_plan", "Plan", PlanApp.Create);
        Budget = await StartServiceAsync(infrastructure, "e2e_budget", "Budget", BudgetApp.Create,
            new() { ["Services:Plan"] = Plan.GrpcAddress.ToString() });
        Subsidy = await StartServiceAsync(infrastructure, "e2e_subsidy", "Subsidy", SubsidyApp.Create,
            new() { ["Services:Budget"] = Budget.GrpcAddress.ToString() });
        Gateway = _owned.Own(await StartGatewayAsync(Plan.GrpcAddress));
    }

    /// <summary>A gateway in front of this system's services, with the plan service at <paramref name="planAddress"/>.</summary>
    public Task<ServiceUnderTest> StartGatewayAsync(Uri planAddress) =>
        ServiceUnderTest.StartAsync(GatewayApp.Create, new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Plan"] = planAddress.ToString(),
            ["Services:Budget"] = Budget.GrpcAddress.ToString(),
            ["Services:Subsidy"] = Subsidy.GrpcAddress.ToString(),
            ["Services:Reporting"] = Reporting.GrpcAddress.ToString(),
            // Every test here calls as the one system subject: its limit must not be what is tested.
            ["Gateway:RateLimit:RequestsPerSecond"] = "100000",
            ["Gateway:RateLimit:Burst"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        });

    private async Task<ServiceUnderTest> StartServiceAsync(InfrastructureEndpoints infrastructure, string databasePrefix,
        string connectionName,
        Func<string[], Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>?, Microsoft.AspNetCore.Builder.WebApplication> create,
        Dictionary<string, string?>? extra = null)
    {
        var database = _owned.Own(await TestDatabase.CreateAsync(infrastructure, databasePrefix));
        var settings = ServiceSettings.For(connectionName, database, VirtualHost);
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return _owned.Own(await ServiceUnderTest.StartAsync(create, settings));
    }

    public async Task DisposeAsync()
    {
        // Stop in reverse: gateway, services, then their databases and the virtual host.
        await _owned.DisposeAsync();
    }
}
