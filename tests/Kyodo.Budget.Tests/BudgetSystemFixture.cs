using Kyodo.Budget.Data;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.Plan;
using Kyodo.Plan.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

/// <summary>
/// The budget service with the plan service whose items it keeps (from their events) and asks about
/// items not seen yet, each with its own database, on real ports and one virtual host (the budget
/// service's through a proxy a test can take down), and a probe for the budget events.
/// </summary>
public sealed class BudgetSystemFixture : IAsyncLifetime
{
    private readonly OwnedResources _owned = new();
    private TestDatabase _budgetDatabase = null!;

    public ServiceUnderTest PlanService { get; private set; } = null!;

    /// <summary>Every call that reaches the plan service, with the token it carried.</summary>
    public BackendCallProbe PlanCalls { get; } = new();
    public ServiceUnderTest BudgetService { get; private set; } = null!;
    public EventProbe Events { get; private set; } = null!;
    public TestVirtualHost VirtualHost { get; private set; } = null!;

    /// <summary>The budget service's way to RabbitMQ: taken down, it hears no plan events (the consistency window held open).</summary>
    public TcpProxy BudgetBrokerPath { get; private set; } = null!;

    public PlanService.PlanServiceClient Plans => new(PlanService.Channel);
    public BudgetService.BudgetServiceClient Budgets => new(BudgetService.Channel);

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = VirtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "budget"));
        Events = _owned.Own(await EventProbe.StartAsync(virtualHost,
            typeof(BudgetLineCreated), typeof(BudgetLineRevised), typeof(BudgetLineSettled), typeof(BudgetLineDeleted),
            typeof(FundsReserved), typeof(FundsCommitted), typeof(FundsReleased),
            typeof(BudgetLineAdjusted), typeof(StaffUnitCostChanged), typeof(StaffTimeChanged)));
        var planDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "budget_plan"));
        PlanService = _owned.Own(await ServiceUnderTest.StartAsync(PlanApp.Create, ServiceSettings.For("Plan", planDatabase, virtualHost),
            configure: PlanCalls.Install));

        _budgetDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "budget"));
        BudgetBrokerPath = _owned.Own(new TcpProxy(infrastructure.RabbitHost, infrastructure.RabbitPort));
        var settings = ServiceSettings.For("Budget", _budgetDatabase, virtualHost, rabbitPort: BudgetBrokerPath.Port);
        settings["Services:Plan"] = PlanService.GrpcAddress.ToString();
        BudgetService = _owned.Own(await ServiceUnderTest.StartAsync(BudgetApp.Create, settings));
    }

    /// <summary>A context on the budget database, to check what is really stored.</summary>
    public BudgetDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(_budgetDatabase.ConnectionString).Options);

    public string BudgetDatabaseConnectionString => _budgetDatabase.ConnectionString;

    /// <summary>Waits until the budget service has recorded this state of the item (or a later one).</summary>
    public Task ItemRecordedAsync(Item item) =>
        ItemFacts.WaitForRevisionAsync(BudgetDatabaseConnectionString, Guid.Parse(item.Id), item.Revision);

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}
