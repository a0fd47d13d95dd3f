using Grpc.AspNetCore.Server;
using Kyodo.Budget;
using Kyodo.Plan;
using Kyodo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// Services reached straight, bypassing the gateway: the plan service as deployed, a second
/// replica of it on the same database whose send cap is lifted (a peer that answers more than a
/// Kyodo service may send), and a budget service whose plan client calls that replica. Each has a
/// probe recording what reaches it.
/// </summary>
public sealed class MessageLimitsFixture : IAsyncLifetime
{
    private readonly OwnedResources _owned = new();

    public BackendCallProbe PlanProbe { get; } = new();
    public BackendCallProbe GenerousPlanProbe { get; } = new();
    public BackendCallProbe BudgetProbe { get; } = new();
    public ServiceUnderTest Plan { get; private set; } = null!;
    public ServiceUnderTest GenerousPlan { get; private set; } = null!;
    public ServiceUnderTest Budget { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "limits"));
        var planDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "limits_plan"));
        var planSettings = ServiceSettings.For("Plan", planDatabase, virtualHost);

        Plan = _owned.Own(await ServiceUnderTest.StartAsync(PlanApp.Create, planSettings, configure: PlanProbe.Install));
        GenerousPlan = _owned.Own(await ServiceUnderTest.StartAsync(PlanApp.Create, planSettings, configure: builder =>
        {
            GenerousPlanProbe.Install(builder);
            // After the service's own settings: this replica sends any size.
            builder.Services.PostConfigure<GrpcServiceOptions>(grpc => grpc.MaxSendMessageSize = null);
        }));

        var budgetDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "limits_budget"));
        var budgetSettings = ServiceSettings.For("Budget", budgetDatabase, virtualHost);
        budgetSettings["Services:Plan"] = GenerousPlan.GrpcAddress.ToString();
        Budget = _owned.Own(await ServiceUnderTest.StartAsync(BudgetApp.Create, budgetSettings, configure: BudgetProbe.Install));
    }

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}
