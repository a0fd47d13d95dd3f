using Kyodo.Budget;
using Kyodo.Gateway;
using Kyodo.Plan;
using Kyodo.Reporting;
using Kyodo.Subsidy;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;

namespace Kyodo.Benchmarks.Common;

/// <summary>How a benchmark wants its system: with or without reporting, and how the services log.</summary>
public sealed record BenchmarkSystemOptions
{
    /// <summary>Start the reporting service (first, so its queues exist before anything is published).</summary>
    public bool WithReporting { get; init; } = true;

    /// <summary>Hooks into the reporting service's builder (a consume observer).</summary>
    public Action<WebApplicationBuilder>? ConfigureReporting { get; init; }

    /// <summary>
    /// True: the services and the gateway log at the levels their appsettings.json give (what production
    /// pays per call), written to stderr so the figures on stdout stay readable. False: warnings only.
    /// </summary>
    public bool ProductionLogLevels { get; init; }
}

/// <summary>
/// The four services and the gateway in this process on loopback ports, as the end-to-end tests run
/// them, but with the services' production messaging settings (not the tests' short ones): each on a
/// fresh database of the local PostgreSQL, all on one fresh RabbitMQ virtual host, so a benchmark
/// needs only the servers of scripts/infra.sh and never collides with a running ./dev up. The
/// gateway's per-caller rate limit is lifted (benchmark callers send far more than 100/s each).
/// Everything is dropped on dispose.
/// </summary>
public sealed class BenchmarkSystem : IAsyncDisposable
{
    private readonly OwnedResources _owned = new();

    public InfrastructureEndpoints Infrastructure { get; private set; } = null!;
    public ServiceUnderTest Plan { get; private set; } = null!;
    public ServiceUnderTest Budget { get; private set; } = null!;
    public ServiceUnderTest Subsidy { get; private set; } = null!;
    /// <summary>Null when started without reporting.</summary>
    public ServiceUnderTest? Reporting { get; private set; }
    public ServiceUnderTest Gateway { get; private set; } = null!;
    public TestDatabase PlanDatabase { get; private set; } = null!;
    public TestDatabase BudgetDatabase { get; private set; } = null!;

    public static async Task<BenchmarkSystem> StartAsync(BenchmarkSystemOptions options)
    {
        var system = new BenchmarkSystem();
        try
        {
            var infrastructure = system.Infrastructure = await TestInfrastructure.GetAsync();
            var vhost = system._owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "bench"));
            var logs = options.ProductionLogLevels ? ProductionLogs : QuietLogs;
            if (options.WithReporting)
                system.Reporting = await system.StartServiceAsync(infrastructure, vhost, "b_reporting", "Reporting", ReportingApp.Create,
                    logs, configure: options.ConfigureReporting);
            system.Plan = await system.StartServiceAsync(infrastructure, vhost, "b_plan", "Plan", PlanApp.Create, logs);
            system.PlanDatabase = system._lastDatabase!;
            system.Budget = await system.StartServiceAsync(infrastructure, vhost, "b_budget", "Budget", BudgetApp.Create, logs,
                new() { ["Services:Plan"] = system.Plan.GrpcAddress.ToString() });
            system.BudgetDatabase = system._lastDatabase!;
            system.Subsidy = await system.StartServiceAsync(infrastructure, vhost, "b_subsidy", "Subsidy", SubsidyApp.Create, logs,
                new() { ["Services:Budget"] = system.Budget.GrpcAddress.ToString() });
            var gateway = new Dictionary<string, string?>(TestAuth.Settings)
            {
                ["Services:Plan"] = system.Plan.GrpcAddress.ToString(),
                ["Services:Budget"] = system.Budget.GrpcAddress.ToString(),
                ["Services:Subsidy"] = system.Subsidy.GrpcAddress.ToString(),
                // Without reporting its route points at a port nobody answers on (UNAVAILABLE).
                ["Services:Reporting"] = (system.Reporting?.GrpcAddress ?? (system._closedPort = new ClosedPort()).Url).ToString(),
                ["Gateway:RateLimit:RequestsPerSecond"] = "1000000",
                ["Gateway:RateLimit:Burst"] = "1000000",
            };
            foreach (var (key, value) in logs) gateway[key] = value;
            system.Gateway = system._owned.Own(await ServiceUnderTest.StartAsync(GatewayApp.Create, gateway));
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    private TestDatabase? _lastDatabase;
    private ClosedPort? _closedPort;

    private async Task<ServiceUnderTest> StartServiceAsync(InfrastructureEndpoints infrastructure, TestVirtualHost vhost,
        string databasePrefix,
        string connectionName, Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
        IReadOnlyDictionary<string, string?> logs,
        Dictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null)
    {
        var database = _lastDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, databasePrefix));
        var settings = Settings(connectionName, database, vhost, logs);
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var service = _owned.Own(await ServiceUnderTest.StartAsync(create, settings, waitUntilReady: false, configure: configure));
        // Longer than the tests' minute: on a loaded machine migrating a fresh database has taken more.
        await service.WaitUntilReadyAsync(TimeSpan.FromMinutes(5));
        return service;
    }

    /// <summary>
    /// A service's configuration on <paramref name="database"/> and <paramref name="vhost"/>, with the
    /// services' production messaging settings (the tests' short ones left out) and <paramref name="logs"/>
    /// (quiet unless given).
    /// </summary>
    public static Dictionary<string, string?> Settings(string connectionName, TestDatabase database, TestVirtualHost vhost,
        IReadOnlyDictionary<string, string?>? logs = null)
    {
        var settings = new Dictionary<string, string?>(TestAuth.Settings)
        {
            [$"ConnectionStrings:{connectionName}"] = database.ConnectionString,
            ["RabbitMq:Host"] = vhost.Endpoints.RabbitHost,
            ["RabbitMq:Port"] = vhost.Endpoints.RabbitPort.ToString(),
            ["RabbitMq:VirtualHost"] = vhost.Name,
            ["RabbitMq:Username"] = vhost.Endpoints.RabbitUser,
            ["RabbitMq:Password"] = vhost.Endpoints.RabbitPassword,
        };
        foreach (var (key, value) in logs ?? QuietLogs) settings[key] = value;
        return settings;
    }

    /// <summary>
    /// Warnings and errors only. Quiet: two events of one new record racing to insert its read-model row
    /// end in a unique-key error and a retry (counted as consumer faults), and readiness fails until migrated.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> QuietLogs = new Dictionary<string, string?>
    {
        ["Logging:Format"] = "text",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        ["Logging:LogLevel:MassTransit"] = "Error",
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
    };

    /// <summary>
    /// The levels the apps' own appsettings.json give (apps hosted here do not read those files: their
    /// content root is the working directory), in their production format (JSON lines), every line
    /// sent to stderr: a call pays for what it logs as it would in production.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> ProductionLogs = new Dictionary<string, string?>
    {
        ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
        ["Logging:LogLevel:Yarp"] = "Warning",
    };

    public async ValueTask DisposeAsync()
    {
        await _owned.DisposeAsync();
        _closedPort?.Dispose();
    }
}
