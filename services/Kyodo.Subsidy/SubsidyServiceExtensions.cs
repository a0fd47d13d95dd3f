using Kyodo.Budget.V1;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using Kyodo.Subsidy.Budgets;
using Kyodo.Subsidy.Data;

namespace Kyodo.Subsidy;

public static class SubsidyServiceExtensions
{
    /// <summary>
    /// The subsidy service's own registrations: its database (ConnectionStrings:Subsidy), its bus
    /// with the outbox relay, and its client of the budget service (Services:Budget).
    /// </summary>
    public static WebApplicationBuilder AddSubsidyServices(this WebApplicationBuilder builder)
    {
        builder.AddKyodoDatabase<SubsidyDbContext>("Subsidy");
        builder.AddKyodoMessaging();
        builder.AddKyodoOutbox<SubsidyDbContext>();
        builder.Services.AddSingleton(Grpc.SubsidyAccess.Table);
        builder.Services.AddSingleton(Grpc.SubsidyTextFields.Table);
        builder.Services.AddSingleton(Grpc.SubsidyUpdates.Table);

        var budgetAddress = builder.Configuration["Services:Budget"]
            ?? throw new InvalidOperationException("Services:Budget (environment Services__Budget) must give the budget service's gRPC address.");
        builder.Services.AddOptions<BudgetServiceOptions>().Bind(builder.Configuration.GetSection("BudgetService"));
        builder.Services.AddGrpcClient<BudgetService.BudgetServiceClient>(o => o.Address = new Uri(budgetAddress))
            .ForwardCaller(services => services.GetRequiredService<IOptions<BudgetServiceOptions>>().Value.Timeout);
        builder.Services.AddScoped<IBudgetReservations, GrpcBudgetReservations>();
        return builder;
    }
}
