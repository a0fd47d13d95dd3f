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
/// test can take it away. Budget and subsidy keep what they need of plan's items (and subsidy of
/// budget's lines) from their events: a test of ownership after a change waits until both have it.
/// </summary>
public sealed class SubsidySystemFixture : IAsyncLifetime, ISubsidySystem
{
    private readonly OwnedResources _owned = new();
    private TestDatabase _subsidyDatabase = null!;
    private TestDatabase _budgetDatabase = null!;

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
        _budgetDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "subsidy_budget"));
        var budgetSettings = ServiceSettings.For("Budget", _budgetDatabase, virtualHost);
        budgetSettings["Services:Plan"] = Plan.GrpcAddress.ToString();
        Budget = _owned.Own(await ServiceUnderTest.StartAsync(BudgetApp.Create, budgetSettings));

        BudgetPath = _owned.Own(new TcpProxy(Budget.GrpcAddress.Host, Budget.GrpcAddress.Port));
        _subsidyDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "subsidy"));
        var settings = ServiceSettings.For("Subsidy", _subsidyDatabase, virtualHost);
        settings["Services:Budget"] = $"http://127.0.0.1:{BudgetPath.Port}";
        settings["BudgetService:Timeout"] = "00:00:03";
        settings["MoneySteps:RecoveryInterval"] = "00:00:00.500"; // steps left behind are ended soon after (MoneyStepTests)
        Subsidy = _owned.Own(await ServiceUnderTest.StartAsync(SubsidyApp.Create, settings));
    }

    /// <summary>A context on the subsidy database, to check what is really stored.</summary>
    public SubsidyDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SubsidyDbContext>().UseNpgsql(_subsidyDatabase.ConnectionString).Options);

    /// <summary>A context on the budget database, to check what the budget service really stored.</summary>
    public Kyodo.Budget.Data.BudgetDbContext OpenBudgetDatabase() =>
        new(new DbContextOptionsBuilder<Kyodo.Budget.Data.BudgetDbContext>().UseNpgsql(_budgetDatabase.ConnectionString).Options);

    /// <summary>Waits until both the budget and the subsidy service have recorded this state of the item (or a later one).</summary>
    public async Task ItemRecordedAsync(PlanV1.Item item)
    {
        await ItemFacts.WaitForRevisionAsync(_budgetDatabase.ConnectionString, Guid.Parse(item.Id), item.Revision);
        await ItemFacts.WaitForRevisionAsync(_subsidyDatabase.ConnectionString, Guid.Parse(item.Id), item.Revision);
    }

    /// <summary>Waits until both the budget and the subsidy service have recorded the item's deletion.</summary>
    public async Task ItemDeletionRecordedAsync(string itemId)
    {
        await ItemFacts.WaitForDeletionAsync(_budgetDatabase.ConnectionString, Guid.Parse(itemId));
        await ItemFacts.WaitForDeletionAsync(_subsidyDatabase.ConnectionString, Guid.Parse(itemId));
    }

    /// <summary>Waits until the subsidy service has recorded the budget line's deletion.</summary>
    public async Task LineDeletionRecordedAsync(string lineId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = OpenDatabase();
            if (await db.BudgetLineFacts.AnyAsync(l => l.LineId == Guid.Parse(lineId) && l.Deleted)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The subsidy service never recorded the deletion of budget line {lineId}.");
    }

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}
