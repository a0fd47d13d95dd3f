using Kyodo.Budget.Grpc;
using Kyodo.ServiceDefaults;

namespace Kyodo.Budget;

/// <summary>Builds the budget service; Program runs it, tests start it on their own ports and databases.</summary>
public static class BudgetApp
{
    public const string ServiceName = "budget";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults(ServiceName);
        builder.AddBudgetServices();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGrpcService<BudgetGrpcService>();
        return app;
    }
}
