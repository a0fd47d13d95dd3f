using Kyodo.Audit;
using Kyodo.Plan.Data;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Messaging;

namespace Kyodo.Plan;

public static class PlanServiceExtensions
{
    /// <summary>The plan service's own registrations: its database (ConnectionStrings:Plan) and its bus with the outbox relay.</summary>
    public static WebApplicationBuilder AddPlanServices(this WebApplicationBuilder builder)
    {
        builder.AddKyodoRequestIds<PlanDbContext>();
        builder.AddKyodoDatabase<PlanDbContext>("Plan");
        builder.AddKyodoAudit(); // its interceptor joins the database's, in the place AddKyodoDatabase keeps
        builder.AddKyodoMessaging();
        builder.AddKyodoOutbox<PlanDbContext>();
        builder.Services.AddSingleton(Grpc.PlanAccess.Table);
        builder.Services.AddSingleton(Grpc.PlanTextFields.Table);
        builder.Services.AddSingleton(Grpc.PlanUpdates.Table);
        builder.Services.AddOptions<Deadlines.DeadlineOptions>().Bind(builder.Configuration.GetSection("Deadlines"))
            .Validate(o => o.CheckInterval > TimeSpan.Zero, "Deadlines:CheckInterval must be positive").ValidateOnStart();
        builder.Services.AddScoped<Deadlines.DeadlineCheck>();
        builder.Services.AddHostedService<Deadlines.DeadlineWatcher>();
        return builder;
    }
}
