using Kyodo.ServiceDefaults;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Kyodo.Gateway;

/// <summary>
/// The gateway's traces and metrics: each call it receives (gRPC and REST) and each it forwards,
/// so a trace starts here and continues in the service (YARP's forwarder sends the traceparent
/// header); runtime metrics from .NET's System.Runtime meter. Described as every Kyodo process is
/// (<see cref="TelemetryResource"/>), exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set, and
/// nothing recorded at all unless <see cref="TelemetrySwitch"/> says so.
/// </summary>
public static class GatewayTelemetry
{
    public static void AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        if (!TelemetrySwitch.IsOn(builder.Configuration)) return;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.DescribeKyodo("gateway", builder.Environment))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments("/healthz") && !http.Request.Path.StartsWithSegments("/readyz"))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("System.Runtime"));

        if (TelemetrySwitch.ExportsOtlp(builder.Configuration))
        {
            builder.Logging.AddOpenTelemetry(o => { o.IncludeScopes = true; o.IncludeFormattedMessage = true; });
            telemetry.UseOtlpExporter();
        }
    }
}
