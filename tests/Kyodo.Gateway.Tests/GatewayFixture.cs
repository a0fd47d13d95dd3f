using Grpc.Core;
using Grpc.Net.Client;
using Kyodo.Budget;
using Kyodo.Plan;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.Gateway.Tests;

/// <summary>
/// The plan and budget services on real ports with their own databases (a probe inside each
/// records what reaches it), behind a gateway with the test Auth section. Subsidy and reporting
/// point at a closed port: these tests never need them. Further gateways with other limits
/// start with <see cref="StartGatewayAsync"/>.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    // Where the gateways send subsidy and reporting calls: held for the fixture's life, so nothing ever answers there.
    private readonly ClosedPort _nobody = new();

    public BackendCallProbe PlanProbe { get; } = new();
    public BackendCallProbe BudgetProbe { get; } = new();
    public ServiceUnderTest Plan { get; private set; } = null!;
    public ServiceUnderTest Budget { get; private set; } = null!;
    public RunningGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = Own(await TestVirtualHost.CreateAsync(infrastructure, "gateway"));

        var planDatabase = Own(await TestDatabase.CreateAsync(infrastructure, "gw_plan"));
        Plan = Own(await ServiceUnderTest.StartAsync(PlanApp.Create, ServiceSettings.For("Plan", planDatabase, virtualHost),
            configure: builder => WithProbe(builder, PlanProbe)));

        var budgetDatabase = Own(await TestDatabase.CreateAsync(infrastructure, "gw_budget"));
        var budgetSettings = ServiceSettings.For("Budget", budgetDatabase, virtualHost);
        budgetSettings["Services:Plan"] = Plan.GrpcAddress.ToString();
        Budget = Own(await ServiceUnderTest.StartAsync(BudgetApp.Create, budgetSettings,
            configure: builder => WithProbe(builder, BudgetProbe)));

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
        var closed = $"http://127.0.0.1:{_nobody.Port}";
        var all = new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Plan"] = (planAddress ?? Plan.GrpcAddress).ToString(),
            ["Services:Budget"] = Budget.GrpcAddress.ToString(),
            ["Services:Subsidy"] = closed,
            ["Services:Reporting"] = closed,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings) all[key] = value;
        return Own(new RunningGateway(await ServiceUnderTest.StartAsync(GatewayApp.Create, all)));
    }

    private static void WithProbe(WebApplicationBuilder builder, BackendCallProbe probe)
    {
        builder.Services.AddSingleton(probe);
        builder.Services.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(o => o.Interceptors.Add<BackendCallProbe>());
    }

    private T Own<T>(T resource) where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        _nobody.Dispose();
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
