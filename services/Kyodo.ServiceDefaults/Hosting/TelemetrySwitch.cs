using Microsoft.Extensions.Configuration;

namespace Kyodo.ServiceDefaults;

/// <summary>
/// Whether a process records traces and metrics at all: when it exports them over OTLP
/// (OTEL_EXPORTER_OTLP_ENDPOINT, the standard variable), or when <c>Telemetry:Enabled</c> asks for
/// it without an exporter of ours (tests that add an in-memory exporter). Recording with nobody to
/// read it costs every request an activity, so it is off otherwise.
/// </summary>
public static class TelemetrySwitch
{
    public static bool ExportsOtlp(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static bool IsOn(IConfiguration configuration) =>
        ExportsOtlp(configuration) || configuration.GetValue<bool>("Telemetry:Enabled");
}
