using Kyodo.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Kyodo.ServiceDefaults;

internal static class TelemetryExtensions
{
    /// <summary>
    /// Traces and metrics for gRPC/HTTP in and out, PostgreSQL (Npgsql), MassTransit and the outbox
    /// relay, and the .NET runtime's metrics (its built-in System.Runtime meter), described by
    /// <see cref="TelemetryResource"/>. Exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is
    /// configured (the standard variable): without it nothing leaves the process. With neither an
    /// endpoint nor <c>Telemetry:Enabled</c> (tests that export to memory) nothing is registered: a
    /// tracer provider with no exporter still creates, tags and drops an activity for every request,
    /// SQL command and outgoing call (the profile of the calls benchmark showed it).
    /// </summary>
    public static void AddKyodoTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        if (!TelemetrySwitch.IsOn(builder.Configuration)) return;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.DescribeKyodo(serviceName, builder.Environment))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsHealthProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("MassTransit")
                .AddSource(OutboxTracing.SourceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("System.Runtime")
                .AddMeter("MassTransit")
                .AddMeter("Kyodo.*")); // the services' own meters (reporting's Kyodo.Reporting.EventGaps)

        if (TelemetrySwitch.ExportsOtlp(builder.Configuration))
        {
            builder.Logging.AddOpenTelemetry(o => { o.IncludeScopes = true; o.IncludeFormattedMessage = true; });
            telemetry.UseOtlpExporter();
        }
    }

    private static bool IsHealthProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
