using System.Text.RegularExpressions;

namespace Kyodo.Deployment.Tests;

/// <summary>
/// docker-compose.yml, resolved by `docker-compose config` with .env.example: the same system
/// as `./dev up` (PostgreSQL, RabbitMQ, migrations, four services, the gateway), started in
/// dependency order on health, configured by the keys the applications read.
/// </summary>
public class ComposeTests
{
    private static JsonObject Services => (JsonObject)Rendered.Compose.At("services")!;
    private static JsonNode Service(string name) =>
        Services[name] ?? throw new Xunit.Sdk.XunitException($"docker-compose.yml has no service {name}");

    /// <summary>The images' tag when KYODO_TAG is not set; the Kubernetes overlays must use the same.</summary>
    public static string DefaultTag =>
        Apps.All.Select(a => Service(a.Name).Str("image")!.Split(':')[1]).Distinct().Single();

    private static Dictionary<string, string?> Environment(JsonNode service) =>
        service.At("environment") switch
        {
            JsonObject map => map.ToDictionary(kv => kv.Key, kv => kv.Value.Str()),
            JsonArray list => list.Select(i => i.Str()!.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : null),
            _ => [],
        };

    private static string? DependsOn(JsonNode service, string on) =>
        service.At("depends_on") switch
        {
            JsonObject map => map.ContainsKey(on) ? map[on].Str("condition") ?? "service_started" : null,
            JsonArray list => list.Select(i => i.Str()).Contains(on) ? "service_started" : null,
            _ => null,
        };

    [Fact]
    public void EveryApplicationAndItsMigrationIsBuiltFromItsDockerfileWithOneImageName()
    {
        Assert.Equal("dev", DefaultTag);
        foreach (var app in Apps.All)
        {
            foreach (var name in !app.HasDatabase ? [app.Name] : new[] { app.Name, app.Name + "-migrate" })
            {
                var service = Service(name);
                Assert.Equal($"{app.Image}:{DefaultTag}", service.Str("image"));
                Assert.Equal(Path.GetFullPath(Repo.Root).TrimEnd('/'), Path.GetFullPath(service.Str("build", "context")!).TrimEnd('/'));
                Assert.Equal(app.Dockerfile, service.Str("build", "dockerfile"));
            }
            if (!app.HasDatabase) continue;
            var migrate = Service(app.Name + "-migrate");
            Assert.Equal(["migrate"], migrate.Strings("command"));
            Assert.Equal("no", migrate.Str("restart"));
            Assert.Equal("service_healthy", DependsOn(migrate, "postgres"));
        }
        var expected =
            Apps.All.Select(a => a.Name).Concat(Apps.Services.Select(a => a.Name + "-migrate")).Append("postgres").Append("rabbitmq");
        Assert.Equal(expected.Order(), Services.Select(kv => kv.Key).Order());
    }

    [Fact]
    public void EveryEnvironmentVariableIsAKeyTheApplicationReadsAndEveryRequiredKeyIsSet()
    {
        var problems = new List<string>();
        foreach (var app in Apps.All)
            foreach (var name in !app.HasDatabase ? [app.Name] : new[] { app.Name, app.Name + "-migrate" })
            {
                var env = Environment(Service(name));
                foreach (var variable in env.Keys.Where(v => !Architecture.MaySet(app, ConfigurationKeys.KeyOfEnvironmentVariable(v))))
                    problems.Add($"{name}: {variable} is no key {app} reads");
                var set = env.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => ConfigurationKeys.KeyOfEnvironmentVariable(kv.Key))
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var key in app.Keys.MissingFrom(set, serving: name == app.Name))
                    problems.Add($"{name}: {app} requires {key}, not set");
                if (app.HasDatabase && env.GetValueOrDefault("Database__MigrateOnStartup") != "false")
                    problems.Add($"{name}: Database__MigrateOnStartup must be false (the {app.Name}-migrate step migrates)");
            }
        Assert.Empty(problems);
    }

    [Fact]
    public void ServicesReachEachOtherAndTheInfrastructureByComposeServiceName()
    {
        var created = KubernetesConfigurationTests.DatabasesCreatedByTheInitScript();
        var calls = new List<(string, string)>();
        foreach (var app in Apps.All)
        {
            var env = Environment(Service(app.Name));
            foreach (var (name, value) in env.Where(kv => kv.Key.StartsWith("Services__")))
            {
                var callee = Apps.Named(name["Services__".Length..].ToLowerInvariant());
                Assert.Equal($"http://{callee.Name}:{callee.CallPort}", value);
                calls.Add((app.Name, callee.Name));
            }
            if (!app.HasDatabase) continue;
            var connection = env[$"ConnectionStrings__{app.ProjectName["Kyodo.".Length..]}"]!;
            Assert.Contains("Host=postgres;", connection);
            Assert.Contains("Port=5432;", connection);
            Assert.Contains($"Database={app.Database};", connection);
            Assert.Contains(app.Database!, created);
            Assert.Equal("rabbitmq", env["RabbitMq__Host"]);
            Assert.Equal("5672", env["RabbitMq__Port"]);
        }
        Assert.Equal(Architecture.AllCalls.Order(), calls.Order());
    }

    [Fact]
    public void ContainersStartInDependencyOrderOnHealth()
    {
        foreach (var app in Apps.Services)
        {
            var service = Service(app.Name);
            Assert.Equal("service_healthy", DependsOn(service, "postgres"));
            Assert.Equal("service_healthy", DependsOn(service, "rabbitmq"));
            Assert.Equal("service_completed_successfully", DependsOn(service, app.Name + "-migrate"));
        }
        // RabbitMQ drops events published before the consumer's queues exist; the gateway waits for every service.
        foreach (var (dependant, on) in Architecture.StartDependencies)
            Assert.True(DependsOn(Service(dependant), on) == "service_healthy", $"{dependant} must start once {on} is healthy");
        // And on no other application: a service's calls to another would contradict the consumers' order.
        foreach (var app in Apps.All)
            foreach (var (on, _) in Service(app.Name).At("depends_on") as JsonObject ?? [])
                Assert.True(!Apps.All.Any(a => a.Name == on) || Architecture.StartDependencies.Contains((app.Name, on)),
                    $"{app.Name} waits for {on}, which neither consumes its events nor is called by the gateway");

        // Every condition names a service that exists and can report it; no cycle.
        foreach (var (name, service) in Services)
            foreach (var (on, condition) in service!.At("depends_on") as JsonObject ?? [])
            {
                Assert.True(Services.ContainsKey(on), $"{name} depends on unknown {on}");
                if (condition.Str("condition") == "service_healthy")
                    Assert.True(Services[on].At("healthcheck", "test") is JsonArray test && test.Str() != "NONE" && test[0].Str() != "NONE",
                        $"{name} waits for {on} to be healthy, which has no health check");
            }
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();
        void Visit(string name)
        {
            if (done.Contains(name)) return;
            Assert.True(visiting.Add(name), $"depends_on cycle through {name}");
            foreach (var (on, _) in Services[name]!.At("depends_on") as JsonObject ?? []) Visit(on);
            done.Add(name);
        }
        foreach (var (name, _) in Services) Visit(name);
    }

    [Fact]
    public void ApplicationsAreHealthyWhenReadyAndTheInfrastructureHasHealthChecks()
    {
        foreach (var app in Apps.All)
            Assert.Equal(["CMD", "dotnet", app.Dll, "healthcheck", "ready"], Service(app.Name).Strings("healthcheck", "test"));
        Assert.NotEmpty(Service("postgres").Strings("healthcheck", "test"));
        Assert.NotEmpty(Service("rabbitmq").Strings("healthcheck", "test"));
        Assert.StartsWith("rabbitmq:", Service("rabbitmq").Str("image"));
        Assert.Contains("management", Service("rabbitmq").Str("image"));
    }

    [Fact]
    public void ApplicationContainersRunReadOnlyWithoutPrivilege()
    {
        foreach (var app in Apps.All)
            foreach (var name in !app.HasDatabase ? [app.Name] : new[] { app.Name, app.Name + "-migrate" })
            {
                var service = Service(name);
                Assert.Equal("true", service.Str("read_only"));
                Assert.Contains("ALL", service.Strings("cap_drop"));
                Assert.Contains(service.Strings("security_opt"), o => o.StartsWith("no-new-privileges"));
                Assert.Contains(service.Strings("tmpfs"), t => t.StartsWith("/tmp"));
                Assert.Null(service.At("user"));          // the image's non-root user
                Assert.Null(service.At("privileged"));
            }
    }

    [Fact]
    public void DataLivesInNamedVolumesAndTheInitScriptCreatesTheDatabases()
    {
        var volumes = Rendered.Compose.Keys("volumes").ToList();
        void MountsVolume(string service, string path)
        {
            var mount = Service(service).Strings("volumes").Select(v => v.Split(':')).SingleOrDefault(p => p.Length > 1 && p[1] == path);
            Assert.True(mount is not null && volumes.Contains(mount[0]), $"{service}: {path} is not on a named volume");
        }
        MountsVolume("postgres", "/var/lib/postgresql/data");
        MountsVolume("rabbitmq", "/var/lib/rabbitmq");
        Assert.Contains(Service("postgres").Strings("volumes"),
            v => v.EndsWith("deploy/postgres/init-databases.sql:/docker-entrypoint-initdb.d/10-init-databases.sql:ro"));
        Assert.Equal(Apps.Services.Select(a => a.Database!).Order(),
            KubernetesConfigurationTests.DatabasesCreatedByTheInitScript().Order());
    }

    [Fact]
    public void OnlyTheGatewayAndTheServersArePublishedAndOnlyOnLoopback()
    {
        foreach (var (name, service) in Services)
        {
            foreach (var port in service!.At("ports") as JsonArray ?? [])
            {
                var hostIp = port.Str("host_ip") ?? port.Str()?.Split(':')[0];
                Assert.Equal("127.0.0.1", hostIp);
            }
            var published = (service.At("ports") as JsonArray ?? []).Any();
            Assert.Equal(name is "gateway" or "postgres" or "rabbitmq", published);
        }
        var gateway = Apps.Named("gateway");
        Assert.Contains(Service("gateway").At("ports") as JsonArray ?? [], p =>
            (p.Str("target") ?? p.Str()!.Split(':')[2].Split('/')[0]) == gateway.CallPort.ToString()
            && (p.Str("published") ?? p.Str()!.Split(':')[1]) == "5080");   // README: the gateway at localhost:5080
    }

    [Fact]
    public void NoCredentialIsWrittenInTheComposeFile()
    {
        var text = Repo.Read("docker-compose.yml");
        var example = Repo.Read(".env.example").Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        foreach (var (name, value) in example.Where(kv => kv.Key.Contains("PASS")))
            Assert.DoesNotContain(value, text);
        // Every variable compose insists on is in .env.example.
        foreach (Match m in Regex.Matches(text, @"\$\{(\w+):\?"))
            Assert.True(example.ContainsKey(m.Groups[1].Value), $".env.example lacks {m.Groups[1].Value}");

        // Without the passwords, compose refuses to start instead of using a built-in one.
        var empty = Path.GetTempFileName();
        ToolResult result;
        try { result = Repo.Run("docker-compose", ["-f", "docker-compose.yml", "--env-file", empty, "config"], Rendered.ComposeVariables); }
        finally { File.Delete(empty); }
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("set POSTGRES_PASSWORD", result.StandardError + result.StandardOutput);
    }
}
