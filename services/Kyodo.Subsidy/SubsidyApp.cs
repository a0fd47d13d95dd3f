using Kyodo.ServiceDefaults;
using Kyodo.Subsidy.Grpc;

namespace Kyodo.Subsidy;

/// <summary>Builds the subsidy service; Program runs it, tests start it on their own ports and databases.</summary>
public static class SubsidyApp
{
    public const string ServiceName = "subsidy";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults(ServiceName);
        builder.AddSubsidyServices();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGrpcService<SubsidyGrpcService>();
        return app;
    }
}
