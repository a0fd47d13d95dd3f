using Kyodo.Audit;
using Kyodo.Budget.Consumers;
using Kyodo.Budget.Data;
using Kyodo.Budget.Plans;
using Kyodo.Budget.Reservations;
using Kyodo.Contracts.Subsidy;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace Kyodo.Budget;

public static class BudgetServiceExtensions
{
    /// <summary>
    /// The budget service's own registrations: its database (ConnectionStrings:Budget), its bus
    /// with the outbox relay and its consumers (the plan service's item events, the subsidy
    /// service's money steps), and its client of the plan service (Services:Plan), asked only
    /// about items it has not seen yet.
    /// </summary>
    public static WebApplicationBuilder AddBudgetServices(this WebApplicationBuilder builder)
    {
        builder.AddKyodoRequestIds<BudgetDbContext>();
        builder.AddKyodoDatabase<BudgetDbContext>("Budget");
        builder.AddKyodoAudit(); // its interceptor joins the database's, in the place AddKyodoDatabase keeps
        builder.AddKyodoMessaging(bus =>
        {
            bus.AddConsumer<PlanItemsConsumer>();
            // Its queue is named by the contracts: the subsidy service sends to it, declaring it, whatever starts first.
            bus.AddConsumer<SubsidyMoneyStepsConsumer>().Endpoint(e => e.Name = MoneyStepQueue.Name);
        });
        builder.AddKyodoOutbox<BudgetDbContext>();
        builder.AddKyodoInbox<BudgetDbContext>();
        builder.Services.AddScoped<ReservationBook>();
        builder.Services.AddSingleton(Grpc.BudgetAccess.Table);
        builder.Services.AddSingleton(Grpc.BudgetTextFields.Table);
        builder.Services.AddSingleton(Grpc.BudgetUpdates.Table);

        var planAddress = builder.Configuration["Services:Plan"]
            ?? throw new InvalidOperationException("Services:Plan (environment Services__Plan) must give the plan service's gRPC address.");
        builder.Services.AddOptions<PlanServiceOptions>().Bind(builder.Configuration.GetSection("PlanService"));
        builder.Services.AddGrpcClient<PlanService.PlanServiceClient>(o => o.Address = new Uri(planAddress))
            .ForwardCaller(services => services.GetRequiredService<IOptions<PlanServiceOptions>>().Value.Timeout)
            .RetryWhenUnavailable(PlanService.Descriptor, nameof(PlanService.PlanServiceClient.GetItem));
        builder.Services.AddScoped<IPlanItems, ProjectedPlanItems>();
        return builder;
    }
}
