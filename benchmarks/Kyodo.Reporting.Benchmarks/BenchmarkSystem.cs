using Kyodo.Budget;
using Kyodo.Gateway;
using Kyodo.Plan;
using Kyodo.Subsidy;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MassTransit;

namespace Kyodo.Reporting.Benchmarks;

/// <summary>
/// The four services and the gateway in this process on loopback ports, as the end-to-end tests
/// run them, but with the services' production messaging settings (not the tests' short ones):
/// each on a fresh database of the local PostgreSQL, all on one fresh RabbitMQ virtual host.
/// Reporting starts first so its queues exist before anything is published. Everything is
/// dropped on dispose.
/// </summary>
public sealed class BenchmarkSystem : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public ConsumptionProbe Probe { get; } = new();
    public ServiceUnderTest Plan { get; private set; } = null!;
    public ServiceUnderTest Budget { get; private set; } = null!;
    public ServiceUnderTest Subsidy { get; private set; } = null!;
    public ServiceUnderTest Reporting { get; private set; } = null!;
    public ServiceUnderTest Gateway { get; private set; } = null!;

    public static async Task<BenchmarkSystem> StartAsync()
    {
        var system = new BenchmarkSystem();
        try
        {
            var infrastructure = await TestInfrastructure.GetAsync();
            var vhost = system.Own(await TestVirtualHost.CreateAsync(infrastructure, "bench"));
            system.Reporting = await system.StartServiceAsync(infrastructure, vhost, "b_reporting", "Reporting", ReportingApp.Create,
                configure: builder => builder.Services.AddConsumeObserver(_ => system.Probe));
            system.Plan = await system.StartServiceAsync(infrastructure, vhost, "b_plan", "Plan", PlanApp.Create);
            system.Budget = await system.StartServiceAsync(infrastructure, vhost, "b_budget", "Budget", BudgetApp.Create,
                new() { ["Services:Plan"] = system.Plan.GrpcAddress.ToString() });
            system.Subsidy = await system.StartServiceAsync(infrastructure, vhost, "b_subsidy", "Subsidy", SubsidyApp.Create,
                new() { ["Services:Budget"] = system.Budget.GrpcAddress.ToString() });
            system.Gateway = system.Own(await ServiceUnderTest.StartAsync(GatewayApp.Create, new Dictionary<string, string?>(TestAuth.Settings)
            {
                ["Services:Plan"] = system.Plan.GrpcAddress.ToString(),
                ["Services:Budget"] = system.Budget.GrpcAddress.ToString(),
                ["Services:Subsidy"] = system.Subsidy.GrpcAddress.ToString(),
                ["Services:Reporting"] = system.Reporting.GrpcAddress.ToString(),
                // All writers call as the one system subject: the per-caller limit (100/s) would cap, then fail, the load.
                ["Gateway:RateLimit:RequestsPerSecond"] = "100000",
                ["Gateway:RateLimit:Burst"] = "100000",
                ["Logging:LogLevel:Default"] = "Warning",
            }));
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    private async Task<ServiceUnderTest> StartServiceAsync(InfrastructureEndpoints infrastructure, TestVirtualHost vhost, string databasePrefix,
        string connectionName, Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
        Dictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null)
    {
        var database = Own(await TestDatabase.CreateAsync(infrastructure, databasePrefix));
        var settings = Settings(connectionName, database, vhost);
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return Own(await ServiceUnderTest.StartAsync(create, settings, configure: configure));
    }

    /// <summary>
    /// A service's configuration on <paramref name="database"/> and <paramref name="vhost"/>, with the
    /// services' production messaging settings (the tests' short ones left out) and quiet logs.
    /// </summary>
    public static Dictionary<string, string?> Settings(string connectionName, TestDatabase database, TestVirtualHost vhost) => new(TestAuth.Settings)
    {
        [$"ConnectionStrings:{connectionName}"] = database.ConnectionString,
        ["RabbitMq:Host"] = vhost.Endpoints.RabbitHost,
        ["RabbitMq:Port"] = vhost.Endpoints.RabbitPort.ToString(),
        ["RabbitMq:VirtualHost"] = vhost.Name,
        ["RabbitMq:Username"] = vhost.Endpoints.RabbitUser,
        ["RabbitMq:Password"] = vhost.Endpoints.RabbitPassword,
        ["Logging:Format"] = "text",
        ["Logging:LogLevel:Default"] = "Warning",
        // Quiet: two events of one new record racing to insert its row end in a unique-key
        // error and a retry (counted as consumer faults), and readiness fails until migrated.
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        ["Logging:LogLevel:MassTransit"] = "Error",
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
    };

    private T Own<T>(T resource) where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try { await _owned[i].DisposeAsync(); }
            catch (Exception e) { Console.Error.WriteLine($"cleanup: {e.Message}"); }
        }
    }
}
