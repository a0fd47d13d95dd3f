using Kyodo.Budget;
using Kyodo.Gateway;
using Kyodo.Plan;
using Kyodo.Subsidy;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// The chains of synchronous hops: gateway → budget → plan and gateway → subsidy → budget, each
/// service with a probe that records the deadline each call arrived with and can stall a
/// caller's calls (a dependency that does not answer). The services' own per-hop timeouts are a
/// minute, so a deadline seen at the second hop can only be the caller's (or the gateway's 3 s
/// default), never the hop's.
/// </summary>
public sealed class HopsFixture : IAsyncLifetime
{
    public static readonly TimeSpan GatewayDefaultDeadline = TimeSpan.FromSeconds(3);
    private readonly List<IAsyncDisposable> _owned = [];
    // Where reporting calls would go (none do here): held for the fixture's life, so nothing answers there.
    private readonly ClosedPort _nobody = new();

    public BackendCallProbe PlanProbe { get; } = new();
    public BackendCallProbe BudgetProbe { get; } = new();
    public BackendCallProbe SubsidyProbe { get; } = new();
    public ServiceUnderTest Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = Own(await TestVirtualHost.CreateAsync(infrastructure, "hops"));

        async Task<ServiceUnderTest> StartAsync(string name, Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
            BackendCallProbe probe, Dictionary<string, string?>? extra = null)
        {
            var database = Own(await TestDatabase.CreateAsync(infrastructure, "hops_" + name.ToLowerInvariant()));
            var settings = ServiceSettings.For(name, database, virtualHost);
            foreach (var (key, value) in extra ?? []) settings[key] = value;
            return Own(await ServiceUnderTest.StartAsync(create, settings, configure: probe.Install));
        }

        var plan = await StartAsync("Plan", PlanApp.Create, PlanProbe);
        var budget = await StartAsync("Budget", BudgetApp.Create, BudgetProbe, new()
        {
            ["Services:Plan"] = plan.GrpcAddress.ToString(),
            ["PlanService:Timeout"] = "00:01:00",
        });
        var subsidy = await StartAsync("Subsidy", SubsidyApp.Create, SubsidyProbe, new()
        {
            ["Services:Budget"] = budget.GrpcAddress.ToString(),
            ["BudgetService:Timeout"] = "00:01:00",
        });
        Gateway = Own(await ServiceUnderTest.StartAsync(GatewayApp.Create, new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Plan"] = plan.GrpcAddress.ToString(),
            ["Services:Budget"] = budget.GrpcAddress.ToString(),
            ["Services:Subsidy"] = subsidy.GrpcAddress.ToString(),
            ["Services:Reporting"] = _nobody.Url.ToString(),
            ["Gateway:DefaultDeadline"] = GatewayDefaultDeadline.ToString(),
            ["Gateway:RateLimit:RequestsPerSecond"] = "100000",
            ["Gateway:RateLimit:Burst"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
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
