using Kyodo.Budget.Data;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.Plan;
using Kyodo.Plan.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

/// <summary>
/// The budget service with the plan service it asks about items, each with its own database,
/// on real ports and one virtual host, and a probe for the budget events.
/// </summary>
public sealed class BudgetSystemFixture : IAsyncLifetime
{
    private readonly OwnedResources _owned = new();
    private TestDatabase _budgetDatabase = null!;

    public ServiceUnderTest PlanService { get; private set; } = null!;
    public ServiceUnderTest BudgetService { get; private set; } = null!;
    public EventProbe Events { get; private set; } = null!;

    public PlanService.PlanServiceClient Plans => new(PlanService.Channel);
    public BudgetService.BudgetServiceClient Budgets => new(BudgetService.Channel);

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "budget"));
        Events = _owned.Own(await EventProbe.StartAsync(virtualHost,
            typeof(BudgetLineCreated), typeof(BudgetLineRevised), typeof(BudgetLineSettled), typeof(BudgetLineDeleted),
            typeof(FundsReserved), typeof(FundsCommitted), typeof(FundsReleased),
            typeof(BudgetLineAdjusted), typeof(StaffUnitCostChanged), typeof(StaffTimeChanged)));
        var planDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "budget_plan"));
        PlanService = _owned.Own(await ServiceUnderTest.StartAsync(PlanApp.Create, ServiceSettings.For("Plan", planDatabase, virtualHost)));

        _budgetDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "budget"));
        var settings = ServiceSettings.For("Budget", _budgetDatabase, virtualHost);
        settings["Services:Plan"] = PlanService.GrpcAddress.ToString();
        BudgetService = _owned.Own(await ServiceUnderTest.StartAsync(BudgetApp.Create, settings));
    }

    /// <summary>A context on the budget database, to check what is really stored.</summary>
    public BudgetDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(_budgetDatabase.ConnectionString).Options);

    public string BudgetDatabaseConnectionString => _budgetDatabase.ConnectionString;

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}
