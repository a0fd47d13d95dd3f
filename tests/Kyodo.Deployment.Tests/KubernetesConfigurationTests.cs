using System.Text.RegularExpressions;

namespace Kyodo.Deployment.Tests;

/// <summary>
/// The settings, probes and ports in the overlays are the ones the applications really read
/// and serve (derived from their source: <see cref="ConfigurationKeys"/>).
/// </summary>
public class KubernetesConfigurationTests
{
    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void EveryEnvironmentVariableIsAKeyTheApplicationReads(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        var problems = new List<string>();
        foreach (var w in manifest.Workloads.Where(w => w.App is not null))
            foreach (var c in w.Containers)
            {
                var raw = string.Join("\n", c.Objects("env").Select(e => e.Str("value") ?? ""));
                foreach (var v in manifest.Environment(c))
                {
                    var key = ConfigurationKeys.KeyOfEnvironmentVariable(v.Name);
                    if (v.Source.StartsWith("fieldRef ", StringComparison.Ordinal))
                    {
                        // The pod's own facts (name, namespace, node) exist only to be expanded into OTEL_RESOURCE_ATTRIBUTES.
                        if (!raw.Contains($"$({v.Name})"))
                            problems.Add($"{w}/{c.Str("name")}: {v.Name} (from {v.Source}) is expanded into no setting: drop it or use it");
                    }
                    else if (v.Source != "env"
                        && Manifest.BaseName(v.Source.Split(' ')[1]) is Manifest.InfrastructureConfigMap or Manifest.InfrastructureSecret)
                    {
                        // Contract variables exist only to be expanded into the application's own keys.
                        if (!raw.Contains($"$({v.Name})"))
                            problems.Add($"{w}/{c.Str("name")}: {v.Name} (from {v.Source}) is expanded into no setting: drop it or use it");
                    }
                    else if (!Architecture.MaySet(w.App!, key))
                        problems.Add($"{w}/{c.Str("name")}: {v.Name} (from {v.Source}) is no key {w.App} reads");
                }
            }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void EveryKeyAnApplicationRequiresIsSet(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        var problems = new List<string>();
        foreach (var w in manifest.Workloads.Where(w => w.App is not null))
        {
            var set = manifest.Environment(w.MainContainer)
                .Where(v => !string.IsNullOrEmpty(v.Value))
                .Select(v => ConfigurationKeys.KeyOfEnvironmentVariable(v.Name))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var key in w.App!.Keys.MissingFrom(set, serving: w.Kind != "Job"))
                problems.Add($"{w}: {w.App} requires {key} (environment {key.Replace(":", "__")}), not set");
        }
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void ServicesWaitForTheirMigrationJobWhichRunsTheMigrateCommand(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        foreach (var app in Apps.All)
        {
            var deployment = manifest.Deployment(app);
            var job = manifest.MigrationJob(app);
            if (!app.HasDatabase)
            {
                Assert.Null(job);
                continue;
            }
            Assert.True(job is not null, $"{overlay}: no Job {app.Name}-migrate");
            Assert.Equal("migration", job!.Component);
            Assert.Equal(["dotnet", app.Dll, "migrate"], job.MainContainer.Strings("command"));
            Assert.Empty(job.MainContainer.Strings("args"));
            Assert.Equal(deployment.MainContainer.Str("image"), job.MainContainer.Str("image"));

            var serviceEnv = manifest.Environment(deployment.MainContainer).ToDictionary(v => v.Name, v => v.Value);
            var jobEnv = manifest.Environment(job.MainContainer).ToDictionary(v => v.Name, v => v.Value);
            // The service never migrates: it waits, not ready, until the Job has applied the schema.
            Assert.Equal("false", serviceEnv.GetValueOrDefault("Database__MigrateOnStartup"));
            // The migrate command builds the same application, so it needs the same settings, except
            // what only serving needs (the token settings, checked when the host starts): the Job
            // holds no signing key.
            var toServe = app.Keys.RequiredToServe.Concat(app.Keys.RequiredUnless.SelectMany(kv => new[] { kv.Key, kv.Value }))
                .Select(k => k.Replace(":", "__")).ToHashSet(StringComparer.OrdinalIgnoreCase);
            // And what names the serving pod in its telemetry (the Job's one-shot run sends none).
            toServe.UnionWith(
                serviceEnv.Keys.Where(k => k == "OTEL_RESOURCE_ATTRIBUTES" || k.StartsWith("K8S_", StringComparison.Ordinal)));
            Assert.Equal(serviceEnv.Where(kv => !toServe.Contains(kv.Key)).OrderBy(kv => kv.Key), jobEnv.OrderBy(kv => kv.Key));
            Assert.DoesNotContain(jobEnv.Keys, toServe.Contains);
            Assert.Null(deployment.MainContainer.At("command"));
            Assert.Null(deployment.MainContainer.At("args"));
        }
        Assert.Equal(Apps.Services.Count(), manifest.OfKind("Job").Count());
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void ServiceAddressesPointAtTheCalledApplicationsCallPort(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        var calls = new List<(string, string)>();
        foreach (var w in manifest.Workloads.Where(w => w.App is not null && w.Component != "migration"))
            foreach (var v in manifest.Environment(w.MainContainer).Where(v => v.Name.StartsWith("Services__")))
            {
                var callee = Apps.Named(v.Name["Services__".Length..].ToLowerInvariant());
                var m = Regex.Match(v.Value ?? "", @"^http://([a-z0-9-]+):(\d+)$");
                Assert.True(m.Success, $"{w}: {v.Name}={v.Value} is not http://<service>:<port> (gRPC over h2c)");
                var service = manifest.Find("Service", m.Groups[1].Value);
                Assert.True(service is not null, $"{w}: {v.Name} names Service {m.Groups[1].Value}, which is not rendered");
                var port = service!.Objects("spec", "ports").SingleOrDefault(p => p.Str("port") == m.Groups[2].Value);
                Assert.True(port is not null, $"{w}: {v.Name}: Service {m.Groups[1].Value} has no port {m.Groups[2].Value}");
                var target = manifest.Deployment(callee);
                Assert.True(Selectors.Matches(Selectors.FromMap(service.StringMap("spec", "selector")), target.PodLabels),
                    $"{w}: {v.Name}: Service {m.Groups[1].Value} does not select {target}");
                Assert.Equal(callee.CallPort, target.ResolvePort(port!.Str("targetPort") ?? port.Str("port")));
                calls.Add((w.App!.Name, callee.Name));
            }
        Assert.Equal(Architecture.AllCalls.Order(), calls.Order());
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void EachServiceConnectsToItsOwnDatabaseAndTheBroker(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        var infrastructure =
            manifest.OfKind("ConfigMap").Single(c => Manifest.BaseName(c.Str("metadata", "name")!) == Manifest.InfrastructureConfigMap);
        var created = DatabasesCreatedByTheInitScript();
        foreach (var app in Apps.Services)
        {
            var env = manifest.Environment(manifest.Deployment(app).MainContainer).ToDictionary(v => v.Name, v => v.Value);
            var connection = env[$"ConnectionStrings__{app.ProjectName["Kyodo.".Length..]}"]!;
            var parts = connection.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
                .ToDictionary(p => p[0], p => p[1]);
            Assert.Equal(infrastructure.Str("data", "POSTGRES_HOST"), parts["Host"]);
            Assert.Equal(infrastructure.Str("data", "POSTGRES_PORT"), parts["Port"]);
            Assert.Equal(app.Database, parts["Database"]);
            Assert.Equal("<secret>", parts["Password"]);
            Assert.Contains(app.Database!, created);
            Assert.Equal(infrastructure.Str("data", "RABBITMQ_HOST"), env["RabbitMq__Host"]);
            Assert.Equal("<secret>", env["RabbitMq__Password"]);
            if (overlay == "dev")
            {
                Assert.NotNull(manifest.Find("Service", parts["Host"]));
                Assert.NotNull(manifest.Find("Service", env["RabbitMq__Host"]!));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void ProbesAskTheHealthEndpointsOnThePortTheApplicationServesThem(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        foreach (var app in Apps.All)
        {
            var deployment = manifest.Deployment(app);
            var container = deployment.MainContainer;
            var env = manifest.Environment(container).ToDictionary(v => v.Name, v => v.Value);
            var healthPort =
                env.TryGetValue("Kestrel__Endpoints__Health__Url", out var healthUrl) ? Apps.PortOf(healthUrl!) : app.HealthPort;
            var callPort =
                env.TryGetValue($"Kestrel__Endpoints__{app.CallEndpoint}__Url", out var callUrl) ? Apps.PortOf(callUrl!) : app.CallPort;
            var restPort = env.TryGetValue("Kestrel__Endpoints__Rest__Url", out var restUrl) ? Apps.PortOf(restUrl!) : app.RestPort;

            // Kubelet probes speak HTTP/1.1: the health endpoint must accept it.
            Assert.Contains("Http1", app.HealthProtocols);
            Assert.Equal(new[] { callPort, healthPort, restPort ?? -1 }.Where(p => p > 0).Order(),
                container.Objects("ports").Select(p => p.Int("containerPort")!.Value).Order());

            foreach (var (probe, path) in new[] { ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz"),
                ("startupProbe", "/healthz") })
            {
                var get = container.At(probe, "httpGet");
                if (probe == "startupProbe" && container.At(probe) is null) continue;
                Assert.True(get is not null, $"{overlay} {deployment}: {probe} must be an httpGet probe");
                Assert.Equal(path, get.Str("path"));
                Assert.Contains(path, app.ServedHealthPaths);
                Assert.Equal(healthPort, deployment.ResolvePort(get.Str("port")));
                Assert.True(get.Str("scheme") is null or "HTTP", $"{deployment}: {probe} scheme");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Rendered.Overlays), MemberType = typeof(Rendered))]
    public void EveryDeploymentNamesItsPodNamespaceNodeAndDeploymentInItsTelemetry(string overlay)
    {
        var manifest = Rendered.Overlay(overlay);
        // The web app records no telemetry of its own: its every call is the gateway's, traced there.
        foreach (var app in Apps.All.Where(a => a.Name != "web"))
        {
            var deployment = manifest.Deployment(app);
            var env = manifest.Environment(deployment.MainContainer).ToDictionary(v => v.Name, v => v.Value);
            Assert.True(env.TryGetValue("OTEL_RESOURCE_ATTRIBUTES", out var attributes),
                $"{overlay} {deployment}: no OTEL_RESOURCE_ATTRIBUTES");
            var resource = attributes!.Split(',').Select(a => a.Split('=', 2)).ToDictionary(a => a[0], a => a[1]);
            Assert.Equal("<metadata.namespace>", resource["k8s.namespace.name"]);
            Assert.Equal("<metadata.name>", resource["k8s.pod.name"]);
            Assert.Equal("<spec.nodeName>", resource["k8s.node.name"]);
            Assert.Equal(deployment.Name, resource["k8s.deployment.name"]);
        }
    }

    internal static IReadOnlyList<string> DatabasesCreatedByTheInitScript()
    {
        var script = Repo.Read("deploy/postgres/init-databases.sql");
        Assert.Equal(script, Repo.Read("k8s/overlays/dev/postgres-init-databases.sql"));
        var list = Regex.Match(script, @"ARRAY\[([^\]]*)\]");
        Assert.True(list.Success, "init-databases.sql: no ARRAY[...] of database names");
        return Regex.Matches(list.Groups[1].Value, "'([a-z_]+)'").Select(m => m.Groups[1].Value).ToList();
    }
}
