using System.Text.RegularExpressions;

namespace Kyodo.Deployment.Tests;

/// <summary>Every rendered object is one Kubernetes would accept, and the objects fit together.</summary>
public class KubernetesObjectTests
{
    // The kinds the overlays may contain, with the apiVersion Kubernetes serves them under.
    private static readonly Dictionary<string, string> ApiVersions = new()
    {
        ["Namespace"] = "v1", ["ConfigMap"] = "v1", ["Secret"] = "v1", ["Service"] = "v1",
        ["Deployment"] = "apps/v1", ["StatefulSet"] = "apps/v1", ["Job"] = "batch/v1", ["CronJob"] = "batch/v1",
        ["PersistentVolumeClaim"] = "v1",
        ["HorizontalPodAutoscaler"] = "autoscaling/v2", ["PodDisruptionBudget"] = "policy/v1",
        ["NetworkPolicy"] = "networking.k8s.io/v1",
    };
    private static readonly Regex Dns1123Subdomain = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static readonly Regex Dns1123Label = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static readonly Regex EnvName = new("^[-._a-zA-Z][-._a-zA-Z0-9]*$");
    private static readonly Regex PortName = new("^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void EveryObjectHasTheFieldsKubernetesRequires(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        var problems = new List<string>();
        void Require(bool ok, JsonObject o, string what) { if (!ok) problems.Add($"{o.Str("kind")}/{o.Str("metadata", "name")}: {what}"); }

        Assert.NotEmpty(manifest.Objects);
        foreach (var o in manifest.Objects)
        {
            var kind = o.Str("kind") ?? "";
            Require(ApiVersions.TryGetValue(kind, out var apiVersion) && o.Str("apiVersion") == apiVersion, o,
                $"apiVersion {o.Str("apiVersion")} of kind '{kind}' is not one of "
                + $"{string.Join(", ", ApiVersions.Select(kv => kv.Value + " " + kv.Key))}");
            var name = o.Str("metadata", "name") ?? "";
            Require(name.Length is > 0 and <= 253 && Dns1123Subdomain.IsMatch(name), o, "metadata.name is not a DNS-1123 subdomain");
            if (kind is "Service" or "Namespace" or "Deployment" or "StatefulSet")
                Require(name.Length <= 63 && Dns1123Label.IsMatch(name), o, "metadata.name is not a DNS-1123 label");
            Require(kind == "Namespace" ? o.At("metadata", "namespace") is null : o.Str("metadata", "namespace") == Manifest.Namespace,
                o, $"must be in namespace {Manifest.Namespace}");
            Require(o.StringMap("metadata", "labels").GetValueOrDefault("app.kubernetes.io/part-of") == "kyodo", o,
                "lacks label app.kubernetes.io/part-of=kyodo");

            switch (kind)
            {
                case "Service":
                    Require(o.Objects("spec", "ports").Any(), o, "spec.ports is empty");
                    foreach (var p in o.Objects("spec", "ports"))
                        Require(p.Int("port") is > 0 and < 65536 && (o.Objects("spec", "ports").Count() == 1 || p.Str("name") is not null),
                            o, "a port lacks a number or (with several ports) a name");
                    Require(o.StringMap("spec", "selector").Count > 0, o, "spec.selector is empty");
                    break;
                case "Deployment" or "StatefulSet" or "Job" or "CronJob":
                    var workload = new Workload(o);
                    Require(kind is "Job" or "CronJob" || o.At("spec", "selector") is not null, o, "spec.selector is missing");
                    Require(workload.PodSpec.Objects("containers").Any(), o, "no containers");
                    if (kind == "StatefulSet") Require(o.Str("spec", "serviceName") is { } s && manifest.Find("Service", s) is not null, o,
                        "spec.serviceName names no Service");
                    if (kind is "Job" or "CronJob") Require(workload.PodSpec.Str("restartPolicy") is "Never" or "OnFailure", o,
                        "restartPolicy must be Never or OnFailure");
                    foreach (var c in workload.Containers)
                    {
                        Require(c.Str("name") is { } containerName && Dns1123Label.IsMatch(containerName), o,
                            $"container name {c.Str("name")} is not a DNS-1123 label");
                        Require(!string.IsNullOrEmpty(c.Str("image")), o, $"container {c.Str("name")} has no image");
                        foreach (var p in c.Objects("ports"))
                            Require(p.Int("containerPort") is > 0 and < 65536 && (p.Str("name") is null
                                || PortName.IsMatch(p.Str("name")!)), o, $"container {c.Str("name")}: bad port {p.ToJsonString()}");
                        foreach (var e in c.Objects("env"))
                            Require(e.Str("name") is { } envName && EnvName.IsMatch(envName) && !(e.At("value") is not null
                                && e.At("valueFrom") is not null), o, $"container {c.Str("name")}: bad env {e.ToJsonString()}");
                        Require(c.Objects("env").Select(e => e.Str("name")).Distinct().Count() == c.Objects("env").Count(), o,
                            $"container {c.Str("name")}: an env name repeats");
                    }
                    foreach (var v in workload.PodSpec.Objects("volumes"))
                        Require(workload.Containers.SelectMany(c => c.Objects("volumeMounts")).Any(m => m.Str("name") == v.Str("name")), o,
                            $"volume {v.Str("name")} is mounted nowhere");
                    foreach (var m in workload.Containers.SelectMany(c => c.Objects("volumeMounts")))
                        Require(workload.PodSpec.Objects("volumes").Any(v => v.Str("name") == m.Str("name"))
                                || o.Objects("spec", "volumeClaimTemplates").Any(t => t.Str("metadata", "name") == m.Str("name")), o,
                                    $"volumeMount {m.Str("name")} has no volume");
                    break;
                case "HorizontalPodAutoscaler":
                    Require(o.Int("spec", "maxReplicas") is { } max && max >= (o.Int("spec", "minReplicas") ?? 1), o,
                        "maxReplicas missing or below minReplicas");
                    Require(o.Str("spec", "scaleTargetRef", "kind") is { } k && manifest.Find(k,
                        o.Str("spec", "scaleTargetRef", "name")!) is not null, o, "scaleTargetRef names nothing rendered");
                    Require(o.Objects("spec", "metrics").Any(), o, "no metrics");
                    break;
                case "PodDisruptionBudget":
                    Require(o.At("spec", "minAvailable") is null ^ o.At("spec", "maxUnavailable") is null, o,
                        "needs exactly one of minAvailable and maxUnavailable");
                    Require(o.At("spec", "selector") is not null, o, "spec.selector is missing");
                    break;
                case "NetworkPolicy":
                    Require(o.At("spec", "podSelector") is JsonObject, o, "spec.podSelector is missing");
                    break;
                case "ConfigMap" or "Secret":
                    foreach (var key in o.Keys("data").Concat(o.Keys("stringData")))
                        Require(Regex.IsMatch(key, "^[-._a-zA-Z0-9]+$"), o, $"key {key} is not a valid ConfigMap/Secret key");
                    break;
            }
        }
        foreach (var group in manifest.Objects.GroupBy(o => (o.Str("kind"), o.Str("metadata", "name"))).Where(g => g.Count() > 1))
            problems.Add($"{group.Key} is rendered {group.Count()} times");
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void TheNamespaceEnforcesTheRestrictedPodSecurityStandard(string overlay)
    {
        var ns = Assert.Single(Rendered.Overlay(overlay).OfKind("Namespace"));
        Assert.Equal(Manifest.Namespace, ns.Str("metadata", "name"));
        Assert.Equal("restricted", ns.StringMap("metadata", "labels")["pod-security.kubernetes.io/enforce"]);
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void SelectorsMatchThePodLabelsOfTheirOwnWorkloadOnly(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        var workloads = manifest.Workloads.ToList();
        var problems = new List<string>();

        foreach (var w in workloads.Where(w => w.Kind is not ("Job" or "CronJob")))
        {
            if (!Selectors.Matches(w.Object.At("spec", "selector"), w.PodLabels))
                problems.Add($"{w}: spec.selector does not match its pod labels");
            foreach (var other in workloads.Where(o => o != w && Selectors.Matches(w.Object.At("spec", "selector"), o.PodLabels)))
                problems.Add($"{w}: spec.selector also matches the pods of {other}");
            foreach (var spread in w.PodSpec.Objects("topologySpreadConstraints"))
                if (!Selectors.Matches(spread.At("labelSelector"), w.PodLabels))
                    problems.Add($"{w}: a topologySpreadConstraint does not select its own pods");
        }
        foreach (var service in manifest.OfKind("Service"))
        {
            var selector = Selectors.FromMap(service.StringMap("spec", "selector"));
            var selected = workloads.Where(w => Selectors.Matches(selector, w.PodLabels)).ToList();
            if (selected.Count != 1 || selected[0].Kind is not ("Deployment" or "StatefulSet"))
                problems.Add($"Service/{service.Str("metadata", "name")} selects [{string.Join(", ", selected)}], not exactly one "
                    + $"Deployment or StatefulSet");
            foreach (var port in service.Objects("spec", "ports"))
                if (selected.Count == 1 && selected[0].ResolvePort(port.Str("targetPort") ?? port.Str("port")) is null)
                    problems.Add($"Service/{service.Str("metadata", "name")}: targetPort {port.Str("targetPort")} is no container port of "
                        + $"{selected[0]}");
        }
        foreach (var pdb in manifest.OfKind("PodDisruptionBudget"))
        {
            var selected = workloads.Where(w => Selectors.Matches(pdb.At("spec", "selector"), w.PodLabels)).ToList();
            if (selected is not [{ Kind: "Deployment" or "StatefulSet" }])
                problems.Add($"PodDisruptionBudget/{pdb.Str("metadata", "name")} selects [{string.Join(", ", selected)}], not exactly "
                    + $"one Deployment");
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void EveryApplicationHasItsDeploymentServiceAutoscalerAndDisruptionBudget(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        foreach (var app in Apps.All)
        {
            var deployment = manifest.Deployment(app);
            Assert.Equal(app.Component, deployment.Component);
            // The autoscaler owns the replica count; a replicas field would reset it on every apply.
            Assert.Null(deployment.Object.At("spec", "replicas"));

            var service = manifest.Find("Service", app.Name);
            Assert.True(service is not null, $"{overlay}: no Service named {app.Name}");
            Assert.True(Selectors.Matches(Selectors.FromMap(service!.StringMap("spec", "selector")), deployment.PodLabels),
                $"Service {app.Name} does not select Deployment {app.Name}");

            var hpa = Assert.Single(manifest.OfKind("HorizontalPodAutoscaler"), h => h.Str("spec", "scaleTargetRef", "name") == app.Name);
            Assert.Equal("Deployment", hpa.Str("spec", "scaleTargetRef", "kind"));
            Assert.Equal("apps/v1", hpa.Str("spec", "scaleTargetRef", "apiVersion"));
            Assert.Contains(hpa.Objects("spec", "metrics"), m => m.Str("resource", "name") == "cpu");

            Assert.Single(manifest.OfKind("PodDisruptionBudget"), p => Selectors.Matches(p.At("spec", "selector"), deployment.PodLabels));
        }
    }

    [Fact]
    public void ProdRunsMoreReplicasThanDev()
    {
        foreach (var app in Apps.All)
        {
            int Min(string overlay) => Rendered.Overlay(overlay).OfKind("HorizontalPodAutoscaler")
                .Single(h => h.Str("spec", "scaleTargetRef", "name") == app.Name).Int("spec", "minReplicas") ?? 1;
            int Max(string overlay) => Rendered.Overlay(overlay).OfKind("HorizontalPodAutoscaler")
                .Single(h => h.Str("spec", "scaleTargetRef", "name") == app.Name).Int("spec", "maxReplicas")!.Value;
            Assert.True(Min("prod") >= 2 && Min("prod") > Min("dev"), $"{app}: prod minReplicas {Min("prod")}, dev {Min("dev")}");
            Assert.True(Max("prod") >= Max("dev"), $"{app}: prod maxReplicas {Max("prod")} below dev's {Max("dev")}");
            // With one replica, minAvailable would forbid every voluntary eviction (node drains hang).
            var pdb = Rendered.Overlay("dev").OfKind("PodDisruptionBudget").Single(p => p.Str("metadata", "name") == app.Name);
            Assert.Null(pdb.At("spec", "minAvailable"));
        }
    }

    [Fact]
    public void DevRunsPostgresAndRabbitMqAsStatefulSetsWithVolumesAndProdRunsNeither()
    {
        var dev = Rendered.Overlay("dev");
        foreach (var name in new[] { "postgres", "rabbitmq" })
        {
            var set = dev.Find("StatefulSet", name);
            Assert.True(set is not null, $"dev: no StatefulSet {name}");
            Assert.NotEmpty(set!.Objects("spec", "volumeClaimTemplates"));
            Assert.NotNull(dev.Find("Service", name));
        }
        var prod = Rendered.Overlay("prod");
        Assert.Empty(prod.OfKind("StatefulSet"));
        Assert.Equal("postgres.example.invalid", prod.OfKind("ConfigMap")
            .Single(c => Manifest.BaseName(c.Str("metadata", "name")!) == Manifest.InfrastructureConfigMap).Str("data", "POSTGRES_HOST"));
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void ImagesAreTheKyodoImagesWithOneTag(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        var images = new List<(Workload Workload, string Image)>();
        foreach (var w in manifest.Workloads.Where(w => w.App is not null))
            foreach (var c in w.Containers) images.Add((w, c.Str("image")!));

        Assert.Equal(Apps.All.Select(a => a.Image).Order(), images.Select(i => i.Image.Split(':')[0]).Distinct().Order());
        foreach (var (workload, image) in images)
            Assert.Equal(workload.App!.Image, image.Split(':')[0]);
        var tags = images.Select(i => i.Image.Contains(':') ? i.Image.Split(':')[1] : "").Distinct().ToList();
        var tag = Assert.Single(tags);
        Assert.Matches("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", tag);
        Assert.NotEqual("latest", tag);
        Assert.Equal(ComposeTests.DefaultTag, tag);
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void SecretsAreGeneratedPlaceholdersInDevAndOnlyReferencedInProd(string overlay)
    {
        var secrets = Rendered.Overlay(overlay).OfKind("Secret").ToList();
        if (overlay == "prod")
        {
            Assert.Empty(secrets);
            return;
        }
        // The token signing key: one key, itself base64 of an obvious placeholder.
        var signing = Assert.Single(secrets, s => Manifest.BaseName(s.Str("metadata", "name")!) == "kyodo-auth-signing-key");
        var (signingKey, encoded) = Assert.Single(signing.StringMap("data"));
        Assert.Equal("Auth__SigningKey", signingKey);
        var keyText = System.Text.Encoding.UTF8.GetString(
            Convert.FromBase64String(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded))));
        Assert.Contains("change-me", keyText);

        // The web app's shared key ring: one Data Protection key, public here, so dev only.
        var keyRing = Assert.Single(secrets, s => Manifest.BaseName(s.Str("metadata", "name")!) == "web-key-ring");
        var (keyFile, keyXml) = Assert.Single(keyRing.StringMap("data"));
        Assert.Matches("^key-[0-9a-f-]{36}\\.xml$", keyFile);
        Assert.Contains("<key id=", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(keyXml)));

        var secret = Assert.Single(secrets, s => s != signing && s != keyRing);
        Assert.Equal(Manifest.InfrastructureSecret, Manifest.BaseName(secret.Str("metadata", "name")!));
        Assert.Equal(Manifest.InfrastructureSecretKeys.Order(), secret.Keys("data").Order());
        foreach (var (key, value) in secret.StringMap("data"))
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value));
            Assert.True(key.EndsWith("USERNAME") || text.Contains("change-me"),
                $"dev Secret {key} is not an obvious placeholder: '{text}'");
        }
        var configMap = Rendered.Overlay(overlay).OfKind("ConfigMap")
            .Single(c => Manifest.BaseName(c.Str("metadata", "name")!) == Manifest.InfrastructureConfigMap);
        Assert.Equal(Manifest.InfrastructureConfigMapKeys.Order(), configMap.Keys("data").Order());
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void EveryContainerHasResourceRequestsWithinLimits(string overlay)
    {
        foreach (var w in Rendered.Overlay(overlay).Workloads)
            foreach (var c in w.Containers)
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    var request = c.Str("resources", "requests", resource);
                    var limit = c.Str("resources", "limits", resource);
                    Assert.True(request is not null && limit is not null,
                        $"{overlay} {w} {c.Str("name")}: {resource} request and limit are required");
                    Assert.True(Quantity(request!) <= Quantity(limit!),
                        $"{overlay} {w} {c.Str("name")}: {resource} request {request} exceeds limit {limit}");
                }
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void PodsRunAsNonRootWithoutPrivilegeAndKyodoPodsWithAReadOnlyRootFilesystem(string overlay)
    {
        var problems = new List<string>();
        foreach (var w in Rendered.Overlay(overlay).Workloads)
        {
            var pod = w.PodSpec.At("securityContext");
            foreach (var c in w.Containers)
            {
                var sc = c.At("securityContext");
                string? Setting(params string[] path) => sc.Str(path) ?? pod.Str(path);
                if (Setting("runAsNonRoot") != "true") problems.Add($"{w}/{c.Str("name")}: runAsNonRoot");
                if (Setting("runAsUser") == "0") problems.Add($"{w}/{c.Str("name")}: runAsUser 0");
                if (Setting("seccompProfile", "type") is not ("RuntimeDefault" or "Localhost"))
                    problems.Add($"{w}/{c.Str("name")}: seccompProfile");
                if (sc.Str("allowPrivilegeEscalation") != "false") problems.Add($"{w}/{c.Str("name")}: allowPrivilegeEscalation");
                if (sc.Str("privileged") == "true") problems.Add($"{w}/{c.Str("name")}: privileged");
                if (!sc.Strings("capabilities", "drop").Contains("ALL")) problems.Add($"{w}/{c.Str("name")}: capabilities.drop ALL");
                if (sc.Strings("capabilities", "add").Any()) problems.Add($"{w}/{c.Str("name")}: capabilities.add");
                if (w.App is null) continue;
                if (sc.Str("readOnlyRootFilesystem") != "true") problems.Add($"{w}/{c.Str("name")}: readOnlyRootFilesystem");
                // The Dockerfiles' user: `app`, uid 1654.
                if (Setting("runAsUser") != "1654")
                    problems.Add($"{w}/{c.Str("name")}: runAsUser {Setting("runAsUser")}, not the image's app user 1654");
                var tmp = c.Objects("volumeMounts").FirstOrDefault(m => m.Str("mountPath") == "/tmp");
                if (tmp is null
                    || w.PodSpec.Objects("volumes").FirstOrDefault(v => v.Str("name") == tmp.Str("name"))?.At("emptyDir") is null)
                    problems.Add($"{w}/{c.Str("name")}: /tmp is not a writable emptyDir");
            }
            if (w.App is not null)
            {
                if (w.PodSpec.Str("automountServiceAccountToken") != "false") problems.Add($"{w}: automountServiceAccountToken");
                if (w.PodSpec.Str("enableServiceLinks") != "false")
                    problems.Add($"{w}: enableServiceLinks (the postgres/rabbitmq Services would inject POSTGRES_PORT=tcp://…)");
            }
        }
        Assert.Empty(problems);
    }

    private static decimal Quantity(string text)
    {
        var m = Regex.Match(text, @"^([0-9.]+)([a-zA-Z]*)$");
        Assert.True(m.Success, "not a quantity: " + text);
        var number = decimal.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return number * m.Groups[2].Value switch
        {
            "" => 1m,
            "m" => 0.001m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            var unit => throw new FormatException("unknown unit " + unit),
        };
    }
}
