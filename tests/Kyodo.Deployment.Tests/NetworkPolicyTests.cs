namespace Kyodo.Deployment.Tests;

/// <summary>
/// Who can connect to which pod and port, evaluated from the rendered NetworkPolicies
/// (<see cref="NetworkPolicies"/>), against the architecture: only the gateway from outside
/// the namespace; each service only from the gateway and the services that call it (the
/// reporting rebuild included);
/// PostgreSQL only from the services, their migration Jobs and the backup CronJobs; RabbitMQ only from the services.
/// </summary>
public class NetworkPolicyTests
{
    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void EveryPodIsCoveredAndEveryPolicySelectsPods(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        var policies = new NetworkPolicies(manifest);
        foreach (var w in manifest.Workloads)
            Assert.True(policies.IngressPoliciesSelecting(w).Any(), $"{overlay}: no NetworkPolicy covers {w}");
        foreach (var policy in manifest.OfKind("NetworkPolicy"))
            Assert.True(manifest.Workloads.Any(w => Selectors.Matches(policy.At("spec", "podSelector"), w.PodLabels)),
                $"{overlay}: NetworkPolicy {policy.Str("metadata", "name")} selects no pod");
        // Something must deny by default, or every pod not named by a policy is open.
        Assert.Contains(manifest.OfKind("NetworkPolicy"),
            p => p.At("spec", "podSelector") is JsonObject { Count: 0 } && !p.Objects("spec", "ingress").Any());
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void ConnectionsAreAllowedExactlyAsTheArchitectureNeeds(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        var policies = new NetworkPolicies(manifest);
        var workloads = manifest.Workloads.ToList();
        var sources = workloads.Select(Source.Pod).Append(Source.OtherNamespacePod).Append(Source.OutsideCluster).ToList();

        var wrong = new List<string>();
        var checkedPorts = 0;
        foreach (var destination in workloads)
            foreach (var port in destination.Containers.SelectMany(c => c.Objects("ports")).Select(p => p.Int("containerPort")!.Value))
                foreach (var source in sources)
                {
                    var expected = Expected(source, destination, port);
                    var actual = policies.Allows(source, destination, port);
                    checkedPorts++;
                    if (expected != actual)
                        wrong.Add($"{source} -> {destination}:{port} is {(actual ? "allowed" : "denied")}, should be "
                            + $"{(expected ? "allowed" : "denied")}");
                }
        Assert.Empty(wrong);
        Assert.True(checkedPorts > 0);

        // The matrix must have teeth: spot checks that hold in every overlay.
        var gateway = manifest.Deployment(Apps.Named("gateway"));
        var plan = manifest.Deployment(Apps.Named("plan"));
        var reporting = manifest.Deployment(Apps.Named("reporting"));
        Assert.True(policies.Allows(Source.OutsideCluster, gateway, Apps.Named("gateway").CallPort));
        Assert.True(policies.Allows(Source.OutsideCluster, gateway, Apps.Named("gateway").RestPort!.Value));
        Assert.False(policies.Allows(Source.OutsideCluster, plan, Apps.Named("plan").CallPort));
        Assert.False(policies.Allows(Source.Pod(plan), reporting, Apps.Named("reporting").CallPort));
        Assert.True(policies.Allows(Source.Pod(reporting), plan, Apps.Named("plan").CallPort)); // the rebuild
        Assert.True(policies.Allows(Source.Pod(gateway), plan, Apps.Named("plan").CallPort));
        var web = manifest.Deployment(Apps.Named("web"));
        Assert.True(policies.Allows(Source.Pod(gateway), web, Apps.Named("web").CallPort));
        Assert.False(policies.Allows(Source.OutsideCluster, web, Apps.Named("web").CallPort));
        Assert.False(policies.Allows(Source.Pod(web), plan, Apps.Named("plan").CallPort)); // pages call the API through the gateway only
    }

    private static bool Expected(Source source, Workload destination, int port)
    {
        var from = Caller(source);
        if (destination.App is { } app && destination.Component is "service" or "gateway" or "web")
        {
            if (!app.IsCallPort(port)) return false;            // health ports: kubelet only
            if (app.IsGateway) return true;                     // the one entry point
            return from is { Component: "service" or "gateway" or "web" } && Architecture.Callers(app.Name).Contains(from.App);
        }
        var name = destination.PodLabels.GetValueOrDefault("app.kubernetes.io/name");
        return name switch
        {
            "postgres" => port == 5432 && (from is { IsService: true, Component: "service" or "migration" } || IsBackup(source)),
            "rabbitmq" => port == 5672 && from is { IsService: true, Component: "service" },
            _ => false,
        };
    }

    private static bool IsBackup(Source source) =>
        source.Namespace == Manifest.Namespace && source.PodLabels?.GetValueOrDefault("app.kubernetes.io/name") == "postgres-backup";

    private sealed record From(string App, string Component, bool IsService);

    private static From? Caller(Source source)
    {
        if (source.Namespace != Manifest.Namespace || source.PodLabels is null) return null;
        var name = source.PodLabels.GetValueOrDefault("app.kubernetes.io/name");
        var app = Apps.All.FirstOrDefault(a => a.Name == name);
        return app is null ? null
            : new From(app.Name, source.PodLabels.GetValueOrDefault("app.kubernetes.io/component") ?? "", app.HasDatabase);
    }
}
