using System.Reflection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;

namespace Kyodo.ServiceDefaults;

/// <summary>
/// What every span, metric and log of a Kyodo process says about where it comes from, the
/// gateway included (it compiles this file too): <c>service.name</c> (<c>kyodo-plan</c> …),
/// <c>service.version</c> (the build's informational version, commit included),
/// <c>service.instance.id</c>, and <c>deployment.environment</c> (the host environment:
/// production, development …). The Kubernetes attributes (<c>k8s.namespace.name</c>,
/// <c>k8s.pod.name</c>, <c>k8s.node.name</c>, <c>k8s.deployment.name</c>) come from
/// OTEL_RESOURCE_ATTRIBUTES, which the manifests fill from the downward API; OpenTelemetry's
/// default resource reads that variable.
/// </summary>
internal static class TelemetryResource
{
    public static ResourceBuilder DescribeKyodo(this ResourceBuilder resource, string serviceName, IHostEnvironment environment)
    {
        var environmentName = environment.EnvironmentName.ToLowerInvariant();
        return resource
            .AddService("kyodo-" + serviceName, serviceVersion: Version, autoGenerateServiceInstanceId: true)
            .AddAttributes(
            [
                // The attribute's older name, which most backends still group by, and its current one.
                new("deployment.environment", environmentName),
                new("deployment.environment.name", environmentName),
            ]);
    }

    /// <summary>The informational version every Kyodo assembly of one build carries (Directory.Build.props).</summary>
    public static string Version { get; } =
        typeof(TelemetryResource).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
