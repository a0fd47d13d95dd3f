using System.Text.RegularExpressions;

namespace Kyodo.Deployment.Tests.Support;

/// <summary>One rendered overlay: its objects, and its workloads' pods and containers.</summary>
public sealed class Manifest(string overlay, IReadOnlyList<JsonObject> objects)
{
    public const string Namespace = "kyodo";
    public const string InfrastructureConfigMap = "kyodo-infrastructure";
    public const string InfrastructureSecret = "kyodo-infrastructure-credentials";

    /// <summary>The contract between overlays and services (k8s/README.md).</summary>
    public static readonly string[] InfrastructureConfigMapKeys =
        ["POSTGRES_HOST", "POSTGRES_PORT", "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_VIRTUAL_HOST"];
    public static readonly string[] InfrastructureSecretKeys =
        ["POSTGRES_USERNAME", "POSTGRES_PASSWORD", "RABBITMQ_USERNAME", "RABBITMQ_PASSWORD"];

    public static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "Job", "DaemonSet", "ReplicaSet", "CronJob"];

    public string Overlay { get; } = overlay;
    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => o.Str("kind") == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(o => o.Str("metadata", "name") == name);

    public IEnumerable<Workload> Workloads =>
        Objects.Where(o => WorkloadKinds.Contains(o.Str("kind"))).Select(o => new Workload(o));

    /// <summary>The Deployment (or for component=migration, the Job) of a Kyodo application.</summary>
    public Workload Deployment(App app) => Workloads.Single(w => w.Kind == "Deployment" && w.Name == app.Name);

    public Workload? MigrationJob(App app) => Workloads.SingleOrDefault(w => w.Kind == "Job" && w.Name == app.Name + "-migrate");

    /// <summary>A kustomize-generated name without its hash suffix (gateway-config-2mf6kkhfkg → gateway-config).</summary>
    public static string BaseName(string name) => Regex.Replace(name, "-[a-z0-9]{10}$", "");

    /// <summary>
    /// The variables a container's environment holds, in order: first envFrom (ConfigMaps and
    /// Secrets of this render; the contract Secret, kept outside the repository in prod, by
    /// its contract keys), then env. Secret values read as "&lt;secret&gt;"; $(VAR) references in
    /// env values are expanded as the kubelet does.
    /// </summary>
    public IReadOnlyList<EnvironmentVariable> Environment(JsonObject container)
    {
        var result = new List<EnvironmentVariable>();
        foreach (var source in container.Objects("envFrom"))
        {
            if (source.Str("configMapRef", "name") is { } configMap)
            {
                var map = Find("ConfigMap", configMap)
                    ?? throw new InvalidOperationException($"{Overlay}: envFrom ConfigMap {configMap} is not rendered");
                foreach (var (key, value) in map.StringMap("data"))
                    result.Add(new EnvironmentVariable(key, value, "ConfigMap " + BaseName(configMap)));
            }
            else if (source.Str("secretRef", "name") is { } secret)
            {
                var keys = Find("Secret", secret) is { } rendered
                    ? rendered.Keys("data").Concat(rendered.Keys("stringData"))
                    : secret == InfrastructureSecret ? InfrastructureSecretKeys
                    : throw new InvalidOperationException(
                        $"{Overlay}: envFrom Secret {secret} is neither rendered nor the contract Secret");
                foreach (var key in keys) result.Add(new EnvironmentVariable(key, "<secret>", "Secret " + BaseName(secret)));
            }
            else throw new InvalidOperationException($"{Overlay}: unsupported envFrom {source.ToJsonString()}");
        }
        foreach (var env in container.Objects("env"))
        {
            var name = env.Str("name")!;
            var value = env.Str("value");
            if (value is not null)
            {
                value = Regex.Replace(value, @"\$\((\w+)\)", m =>
                    result.LastOrDefault(v => v.Name == m.Groups[1].Value)?.Value
                    ?? throw new InvalidOperationException(
                        $"{Overlay}: {name} refers to $({m.Groups[1].Value}), which is not defined before it"));
            }
            else if (env.At("valueFrom", "secretKeyRef") is not null) value = "<secret>";
            else if (env.At("valueFrom", "configMapKeyRef") is { } reference)
                value = Find("ConfigMap", reference.Str("name")!)?.Str("data", reference.Str("key")!);
            else if (env.Str("valueFrom", "fieldRef", "fieldPath") is { } field)
            {
                // The downward API: known only in the pod, so the field stands for its value.
                result.Add(new EnvironmentVariable(name, $"<{field}>", "fieldRef " + field));
                continue;
            }
            result.Add(new EnvironmentVariable(name, value, "env"));
        }
        return result;
    }
}

public sealed record EnvironmentVariable(string Name, string? Value, string Source);

public sealed class Workload(JsonObject obj)
{
    public JsonObject Object { get; } = obj;
    public string Kind => Object.Str("kind")!;
    public string Name => Object.Str("metadata", "name")!;
    public JsonObject PodTemplate =>
        (JsonObject)(Kind == "CronJob" ? Object.At("spec", "jobTemplate", "spec", "template") : Object.At("spec", "template"))!;
    public Dictionary<string, string> PodLabels => PodTemplate.StringMap("metadata", "labels");
    public JsonObject PodSpec => (JsonObject)PodTemplate.At("spec")!;
    public IEnumerable<JsonObject> Containers => PodSpec.Objects("initContainers").Concat(PodSpec.Objects("containers"));
    public JsonObject MainContainer => PodSpec.Objects("containers").First();

    /// <summary>The Kyodo application this pod runs (a service, the gateway or a migration), if any.</summary>
    public App? App =>
        PodLabels.GetValueOrDefault("app.kubernetes.io/name") is { } name && Apps.All.Any(a => a.Name == name)
            ? Apps.Named(name) : null;

    public string Component => PodLabels.GetValueOrDefault("app.kubernetes.io/component") ?? "";

    /// <summary>The container port number a probe or Service names (a number, or a port name).</summary>
    public int? ResolvePort(string? port) =>
        int.TryParse(port, out var number) ? number
        : Containers.SelectMany(c => c.Objects("ports")).FirstOrDefault(p => p.Str("name") == port)?.Int("containerPort");

    public override string ToString() => $"{Kind}/{Name}";
}

public static class Selectors
{
    /// <summary>Whether a Kubernetes label selector (matchLabels and matchExpressions) selects these labels.</summary>
    public static bool Matches(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null) return false;
        foreach (var (key, value) in selector.StringMap("matchLabels"))
            if (!labels.TryGetValue(key, out var actual) || actual != value) return false;
        foreach (var expression in selector.Objects("matchExpressions"))
        {
            var key = expression.Str("key")!;
            var values = expression.Strings("values").ToList();
            var has = labels.TryGetValue(key, out var actual);
            var ok = expression.Str("operator") switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                var op => throw new InvalidOperationException("Unknown selector operator " + op),
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>A Service's plain selector map as a selector node.</summary>
    public static JsonNode FromMap(IReadOnlyDictionary<string, string> map) =>
        new JsonObject
        { ["matchLabels"] = new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))) };
}
