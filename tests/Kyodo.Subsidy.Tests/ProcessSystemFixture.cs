using Kyodo.Budget.Data;
using Kyodo.Contracts.Budget;
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
/// The budget and subsidy services as processes of their own (ServiceProcess), which a test kills
/// with SIGKILL and starts again on the same ports and databases; the plan service in-process (it
/// is never killed here). One virtual host, a probe for the events. Subsidy ends steps left behind
/// after <see cref="LeftBehindAfter"/>, looking every half second.
/// </summary>
public sealed class ProcessSystemFixture : IAsyncLifetime, ISubsidySystem
{
    /// <summary>
    /// Well above the 30 s a call may wait for the budget service here: a process just started answers
    /// its first calls slowly on a loaded machine (its code is compiled as it first runs), and a call
    /// still waiting must not see its step ended under it.
    /// </summary>
    public static readonly TimeSpan LeftBehindAfter = TimeSpan.FromSeconds(40);

    private readonly OwnedResources _owned = new();
    private TestDatabase _budgetDatabase = null!;
    private TestDatabase _subsidyDatabase = null!;

    public ServiceUnderTest Plan { get; private set; } = null!;
    public ServiceProcess Budget { get; private set; } = null!;
    public ServiceProcess Subsidy { get; private set; } = null!;
    public EventProbe Events { get; private set; } = null!;

    public SubsidyV1.SubsidyService.SubsidyServiceClient Subsidies => new(Subsidy.Channel);
    public BudgetV1.BudgetService.BudgetServiceClient Budgets => new(Budget.Channel);
    public PlanV1.PlanService.PlanServiceClient Plans => new(Plan.Channel);

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "crash"));
        Events = _owned.Own(await EventProbe.StartAsync(virtualHost,
            typeof(ApplicationStatusChanged), typeof(FundsReserved), typeof(FundsReleased), typeof(FundsCommitted)));
        Plan = _owned.Own(await ServiceUnderTest.StartAsync(PlanApp.Create,
            ServiceSettings.For("Plan", _owned.Own(await TestDatabase.CreateAsync(infrastructure, "crash_plan")), virtualHost)));

        _budgetDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "crash_budget"));
        _subsidyDatabase = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "crash_subsidy"));
        // Subsidy first: it consumes budget's line events (and plan's), so its queues exist before budget publishes.
        var subsidySettings = ServiceSettings.For("Subsidy", _subsidyDatabase, virtualHost);
        var budgetSettings = ServiceSettings.For("Budget", _budgetDatabase, virtualHost);
        budgetSettings["Services:Plan"] = Plan.GrpcAddress.ToString();
        budgetSettings["PlanService:Timeout"] = "00:00:30";
        Budget = _owned.Own(await ServiceProcess.StartAsync("Kyodo.Budget", budgetSettings, start: false));
        subsidySettings["Services:Budget"] = Budget.GrpcAddress.ToString();
        subsidySettings["BudgetService:Timeout"] = "00:00:30";
        subsidySettings["MoneySteps:RecoveryInterval"] = "00:00:00.500";
        subsidySettings["MoneySteps:LeftBehindAfter"] = LeftBehindAfter.ToString("c");
        Subsidy = _owned.Own(await ServiceProcess.StartAsync("Kyodo.Subsidy", subsidySettings));
        await Budget.RestartAsync();
    }

    private KomoroSubsidy? _program;

    /// <summary>
    /// The class's program (チャレンジ ¥200,000 per group) spending from a line of ¥100,000,000, made once:
    /// each test applies with a group of its own and tells its money apart by the reservation's purpose.
    /// </summary>
    internal async Task<KomoroSubsidy> ProgramAsync() =>
        _program ??= await KomoroSubsidy.CreateAsync(this, 100_000_000, municipality: "99341");

    public SubsidyDbContext OpenSubsidyDatabase() =>
        new(new DbContextOptionsBuilder<SubsidyDbContext>().UseNpgsql(_subsidyDatabase.ConnectionString).Options);

    public BudgetDbContext OpenBudgetDatabase() =>
        new(new DbContextOptionsBuilder<BudgetDbContext>().UseNpgsql(_budgetDatabase.ConnectionString).Options);

    public async Task DisposeAsync() => await _owned.DisposeAsync();
}
