using Kyodo.Reporting.Grpc;
using Kyodo.ServiceDefaults;

namespace Kyodo.Reporting;

/// <summary>Builds the reporting service; Program runs it, tests start it on their own ports and databases.</summary>
public static class ReportingApp
{
    public const string ServiceName = "reporting";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults(ServiceName);
        builder.AddReportingServices();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGrpcService<ReportingGrpcService>();
        return app;
    }
}
