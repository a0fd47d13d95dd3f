using Kyodo.Plan.Grpc;
using Kyodo.ServiceDefaults;

namespace Kyodo.Plan;

/// <summary>Builds the plan service; Program runs it, tests start it on their own ports and databases.</summary>
public static class PlanApp
{
    public const string ServiceName = "plan";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults(ServiceName);
        builder.AddPlanServices();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGrpcService<PlanGrpcService>();
        return app;
    }
}
