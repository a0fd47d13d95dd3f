using Kyodo.Budget;
using Kyodo.Contracts.Subsidy;
using Kyodo.Plan;
using Kyodo.Subsidy.Data;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using BudgetV1 = Kyodo.Budget.V1;
using PlanV1 = Kyodo.Plan.V1;
using SubsidyV1 = Kyodo.Subsidy.V1;

namespace Kyodo.Subsidy.Tests;

/// <summary>
/// The subsidy service with the budget and plan services behind it, each with its own database,
/// on real ports and one virtual host. The budget service is reached through a TCP proxy so a
/// test can take it away.
/// </summary>
public sealed class SubsidySystemFixture : IAsyncLifetime
{
    private readonly OwnedResources _owned = new();
    private TestDatabase _subsidyDatabase = null!;

    public ServiceUnderTest Subsidy { get; private set; } = null!;
    public ServiceUnderTest Budget { get; private set; } = null!;
    public ServiceUnderTest Plan { get; private set; } = null!;
    public TcpProxy BudgetPath { get; private set; } = null!;
    public EventProbe Events { get; private set; } = null!;

    public SubsidyV1.SubsidyService.SubsidyServiceClient Subsidies => new(Subsidy.Channel);
    public BudgetV1.BudgetService.BudgetServiceClient Budgets => new(Budget.Channel);
    public PlanV1.PlanService.PlanServiceClient Plans => new(Plan.Channel);

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "subsidy"));
        Events = _owned.Own(await EventProbe.StartAsync(virtualHost, typeof(ApplicationStatusChanged), typeof(SubsidyProgramChanged)));

        Plan = _owned.Own(await ServiceUnderTest.StartAsync(PlanApp.Create,
            ServiceSettings.For("Plan", _owned.Own(await TestDatabase.CreateAsync(infrastructure, "subsidy_plan")), virtualHost)));
        var budgetSettings = ServiceSettings.For("Budget", _owned.Own(await TestDatabase.CreateAsync(infrastructure, "subsidy_budget")), virtualHost);
        budgetSettings["Services:Plan"] = Plan.GrpcAddress.ToString();
        Budget = _owned.Own(await ServiceUnderTest.StartAsync(BudgetApp.Create, budgetSettings));

        BudgetPath = _owned.Own(new TcpProxy(Budget.GrpcAddress.Host, Budget.GrpcAddress.Port));
        _subsidyDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "subsidy"));
        var settings = ServiceSettings.For("Subsidy", _subsidyDatabase, virtualHost);
        settings["Services:Budget"] = $"http://127.0.0.1:{BudgetPath.Port}";
        settings["BudgetService:Timeout"] = "00:00:03";
        Subsidy = _owned.Own(await ServiceUnderTest.StartAsync(SubsidyApp.Create, settings));
    }

    /// <summary>A context on the subsidy database, to check what is really stored.</summary>
    public SubsidyDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SubsidyDbContext>().UseNpgsql(_subsidyDatabase.ConnectionString).Options);

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}
