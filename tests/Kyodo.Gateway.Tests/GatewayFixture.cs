using Grpc.Core;
using Grpc.Net.Client;
using Kyodo.Budget;
using Kyodo.Plan;
using Kyodo.Reporting;
using Kyodo.Subsidy;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;

namespace Kyodo.Gateway.Tests;

/// <summary>
/// The four services on real ports with their own databases and one RabbitMQ virtual host (a
/// probe inside each records what reaches it), behind a gateway with the test Auth section.
/// Reporting starts first, so its queues exist before plan, budget and subsidy publish. Further
/// gateways with other limits start with <see cref="StartGatewayAsync"/>.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private readonly OwnedResources _owned = new();

    public BackendCallProbe PlanProbe { get; } = new();
    public BackendCallProbe BudgetProbe { get; } = new();
    public BackendCallProbe SubsidyProbe { get; } = new();
    public BackendCallProbe ReportingProbe { get; } = new();
    public ServiceUnderTest Plan { get; private set; } = null!;
    public ServiceUnderTest Budget { get; private set; } = null!;
    public ServiceUnderTest Subsidy { get; private set; } = null!;
    public ServiceUnderTest Reporting { get; private set; } = null!;
    public RunningGateway Gateway { get; private set; } = null!;

    /// <summary>The probe inside the backend a gateway route names (Plan, Budget, Subsidy, Reporting).</summary>
    public BackendCallProbe ProbeOf(string backend) => backend switch
    {
        "Plan" => PlanProbe,
        "Budget" => BudgetProbe,
        "Subsidy" => SubsidyProbe,
        "Reporting" => ReportingProbe,
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "no such backend"),
    };

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "gateway"));

        async Task<ServiceUnderTest> StartAsync(string name, Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
            BackendCallProbe probe, Dictionary<string, string?>? extra = null)
        {
            var database = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "gw_" + name.ToLowerInvariant()));
            var settings = ServiceSettings.For(name, database, virtualHost);
            foreach (var (key, value) in extra ?? []) settings[key] = value;
            return _owned.Own(await ServiceUnderTest.StartAsync(create, settings, configure: probe.Install));
        }

        Reporting = await StartAsync("Reporting", ReportingApp.Create, ReportingProbe);
        Plan = await StartAsync("Plan", PlanApp.Create, PlanProbe);
        Budget = await StartAsync("Budget", BudgetApp.Create, BudgetProbe, new() { ["Services:Plan"] = Plan.GrpcAddress.ToString() });
        Subsidy =
            await StartAsync("Subsidy", SubsidyApp.Create, SubsidyProbe, new() { ["Services:Budget"] = Budget.GrpcAddress.ToString() });

        Gateway = await StartGatewayAsync(new()
        {
            // The shared gateway's callers are not what its limit tests: those start their own.
            ["Gateway:RateLimit:RequestsPerSecond"] = "100000",
            ["Gateway:RateLimit:Burst"] = "100000",
        });
    }

    /// <summary>A gateway in front of these services with the given settings on top of the defaults.</summary>
    public async Task<RunningGateway> StartGatewayAsync(Dictionary<string, string?> settings, Uri? planAddress = null)
    {
        var all = new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Plan"] = (planAddress ?? Plan.GrpcAddress).ToString(),
            ["Services:Budget"] = Budget.GrpcAddress.ToString(),
            ["Services:Subsidy"] = Subsidy.GrpcAddress.ToString(),
            ["Services:Reporting"] = Reporting.GrpcAddress.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings) all[key] = value;
        return _owned.Own(new RunningGateway(await ServiceUnderTest.StartAsync(GatewayApp.Create, all)));
    }

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}

/// <summary>A started gateway: its gRPC port (a channel without any token), its REST port and its health port.</summary>
public sealed class RunningGateway(ServiceUnderTest app) : IAsyncDisposable
{
    public ServiceUnderTest App { get; } = app;

    /// <summary>A channel that sends only what each call gives (no harness token).</summary>
    public GrpcChannel BareChannel => App.ChannelAs(null);

    public HttpClient Rest(string? token = null)
    {
        var http = new HttpClient { BaseAddress = App.RestAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
