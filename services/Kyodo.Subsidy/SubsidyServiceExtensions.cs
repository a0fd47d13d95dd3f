using Kyodo.Audit;
using Kyodo.Budget.V1;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Kyodo.Subsidy.Budgets;
using Kyodo.Subsidy.Consumers;
using Kyodo.Subsidy.Data;
using Kyodo.Subsidy.Money;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kyodo.Subsidy;

public static class SubsidyServiceExtensions
{
    /// <summary>
    /// The subsidy service's own registrations: its database (ConnectionStrings:Subsidy), its bus
    /// with the outbox relay and its consumers (the plan service's items, the budget service's
    /// lines: whose a program is), the recoverer of money steps left behind (MoneySteps:*), and its
    /// client of the budget service (Services:Budget): reservations, commits, and lines not seen yet.
    /// </summary>
    public static WebApplicationBuilder AddSubsidyServices(this WebApplicationBuilder builder)
    {
        // A program is always read with three collections (courses, budget lines, printed results
        // rows): as one query they would come back as their product, so each is read by a query of
        // its own. Those queries see one state of a program where its row is locked first (every
        // change of those collections also writes the program's row, its revision): ImportProgram
        // does so. (Set here, not in OnConfiguring, which a pooled context may not use.)
        builder.AddKyodoRequestIds<SubsidyDbContext>();
        builder.AddKyodoDatabase<SubsidyDbContext>("Subsidy",
            npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        builder.AddKyodoAudit(); // its interceptor joins the database's, in the place AddKyodoDatabase keeps
        builder.AddKyodoMessaging(bus =>
        {
            bus.AddConsumer<PlanItemsConsumer>();
            bus.AddConsumer<BudgetLinesConsumer>();
        });
        builder.AddKyodoOutbox<SubsidyDbContext>();
        builder.AddKyodoInbox<SubsidyDbContext>();
        builder.Services.AddSingleton(Grpc.SubsidyAccess.Table);
        builder.Services.AddSingleton(Grpc.SubsidyTextFields.Table);
        builder.Services.AddSingleton(Grpc.SubsidyUpdates.Table);
        builder.Services.AddOptions<MoneyStepOptions>().Bind(builder.Configuration.GetSection("MoneySteps"))
            .Validate(o => o.RecoveryInterval > TimeSpan.Zero && o.LeftBehindAfter > TimeSpan.Zero, "MoneySteps intervals must be positive")
            .ValidateOnStart();
        builder.Services.AddScoped<MoneySteps>();
        builder.Services.AddHostedService<MoneyStepRecoverer>();

        var budgetAddress = builder.Configuration["Services:Budget"]
            ?? throw new InvalidOperationException(
                "Services:Budget (environment Services__Budget) must give the budget service's gRPC address.");
        builder.Services.AddOptions<BudgetServiceOptions>().Bind(builder.Configuration.GetSection("BudgetService"));
        builder.Services.AddGrpcClient<BudgetService.BudgetServiceClient>(o => o.Address = new Uri(budgetAddress))
            .ForwardCaller(services => services.GetRequiredService<IOptions<BudgetServiceOptions>>().Value.Timeout)
            // Reserve and Commit carry the money step's idempotency key: budget applies each once.
            .RetryWhenUnavailable(BudgetService.Descriptor, nameof(BudgetService.BudgetServiceClient.GetBudgetLine),
                nameof(BudgetService.BudgetServiceClient.Reserve), nameof(BudgetService.BudgetServiceClient.Commit));
        builder.Services.AddScoped<IBudgetReservations, GrpcBudgetReservations>();
        builder.Services.AddScoped<IBudgetLines, ProjectedBudgetLines>();
        return builder;
    }
}
