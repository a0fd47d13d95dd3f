namespace Kyodo.Deployment.Tests.Support;

/// <summary>Where a connection comes from: a pod of the render, a pod in another namespace, or a client outside the cluster.</summary>
public sealed record Source(string Description, string? Namespace, IReadOnlyDictionary<string, string>? PodLabels)
{
    public static Source Pod(Workload workload) => new(workload.ToString(), Manifest.Namespace, workload.PodLabels);
    public static readonly Source OtherNamespacePod = new("a pod in namespace ingress-nginx", "ingress-nginx",
        new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-nginx" });
    public static readonly Source OutsideCluster = new("a client outside the cluster", null, null);
    public override string ToString() => Description;
}

/// <summary>
/// Evaluates a render's NetworkPolicies the way Kubernetes does for ingress: a pod selected by
/// no ingress policy accepts everything; otherwise a connection is allowed when some rule of
/// some policy selecting the pod allows both its source and its port (rules are additive).
/// </summary>
public sealed class NetworkPolicies(Manifest manifest)
{
    private readonly List<JsonObject> policies = manifest.OfKind("NetworkPolicy").ToList();

    public IEnumerable<JsonObject> IngressPoliciesSelecting(Workload destination) =>
        policies.Where(p => HasIngressType(p) && Selectors.Matches(p.At("spec", "podSelector"), destination.PodLabels));

    public bool Allows(Source source, Workload destination, int port)
    {
        var selecting = IngressPoliciesSelecting(destination).ToList();
        if (selecting.Count == 0) return true;
        return selecting.SelectMany(p => p.Objects("spec", "ingress"))
            .Any(rule => AllowsSource(rule, source) && AllowsPort(rule, destination, port));
    }

    private static bool HasIngressType(JsonObject policy)
    {
        var types = policy.Strings("spec", "policyTypes").ToList();
        return types.Count == 0 || types.Contains("Ingress");
    }

    private static bool AllowsSource(JsonObject rule, Source source)
    {
        var peers = rule.Objects("from").ToList();
        if (rule.At("from") is null || peers.Count == 0) return true;
        return peers.Any(peer => PeerMatches(peer, source));
    }

    private static bool PeerMatches(JsonObject peer, Source source)
    {
        if (peer.At("ipBlock") is { } block)
        {
            // Only the whole address space counts as "outside": anything narrower is not
            // something these tests can evaluate, and the manifests do not use it.
            var cidr = block.Str("cidr");
            return source.PodLabels is null && cidr is "0.0.0.0/0" or "::/0" && !block.Strings("except").Any();
        }
        if (source.PodLabels is null) return false;
        var namespaceSelector = peer.At("namespaceSelector");
        var inNamespace = namespaceSelector is null
            ? source.Namespace == Manifest.Namespace
            : Selectors.Matches(namespaceSelector, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = source.Namespace! });
        var podSelector = peer.At("podSelector");
        return inNamespace && (podSelector is null || Selectors.Matches(podSelector, source.PodLabels));
    }

    private static bool AllowsPort(JsonObject rule, Workload destination, int port)
    {
        var ports = rule.Objects("ports").ToList();
        if (ports.Count == 0) return true;
        return ports.Any(p =>
        {
            if ((p.Str("protocol") ?? "TCP") != "TCP") return false;
            if (p.Str("port") is null) return true;
            var from = destination.ResolvePort(p.Str("port"));
            var to = p.Int("endPort") ?? from;
            return from is not null && port >= from && port <= to;
        });
    }
}
