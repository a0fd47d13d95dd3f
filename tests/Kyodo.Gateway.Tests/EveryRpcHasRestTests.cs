using System.Text;
using System.Text.RegularExpressions;
using Kyodo.Testing;

namespace Kyodo.Gateway.Tests;

// Every RPC answers REST as well as gRPC: an RPC added to any .proto without a
// google.api.http rule, or with one the gateway does not route to its service, fails here.
public sealed partial class EveryRpcHasRestTests(GatewayFixture system) : IClassFixture<GatewayFixture>
{
    [GeneratedRegex(@"\{([a-z_.]+)(=[^}]*)?\}")]
    private static partial Regex PathVariable();

    [Fact]
    public void EveryRpcOfEveryServiceHasARestPathUnderItsServicesPrefix()
    {
        var services = KyodoServices.All();
        Assert.True(services.Count >= 4, $"found only {services.Count} services in the protos");
        var problems = new List<string>();
        var routes = new Dictionary<string, string>();
        foreach (var method in services.SelectMany(s => s.Methods))
        {
            var name = $"{method.Service.FullName}/{method.Name}";
            var backend = GatewayRoutes.Services.FirstOrDefault(s => s.Service.FullName == method.Service.FullName).Backend;
            if (backend is null) { problems.Add($"{name}: its service is not routed by the gateway (GatewayRoutes.Services)"); continue; }
            if (KyodoServices.RestRule(method) is not { } rule) { problems.Add($"{name}: no google.api.http rule"); continue; }

            var (verb, path) = KyodoServices.Route(rule);
            var prefix = GatewayRoutes.RestPrefix(backend);
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
                problems.Add($"{name}: {path} is not under {prefix}, which the gateway sends to {backend}");
            var writes = verb == HttpMethod.Post || verb == HttpMethod.Put || verb == HttpMethod.Patch;
            if (writes && rule.Body != "*") problems.Add($"{name}: a {verb} takes the request as its body (body: \"*\")");
            if (!writes && rule.Body.Length > 0) problems.Add($"{name}: a {verb} has no body");
            if (!writes && verb != HttpMethod.Get && verb != HttpMethod.Delete)
                problems.Add($"{name}: {verb} is not a REST method Kyodo uses");

            var shape = $"{verb} {PathVariable().Replace(path, "{}")}";
            if (routes.TryGetValue(shape, out var other)) problems.Add($"{name}: {shape} is also {other}'s");
            else routes[shape] = name;
        }
        Assert.True(problems.Count == 0, "REST annotations missing or wrong:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task EveryRestPathReachesItsRpcThroughTheGateway()
    {
        var missed = new List<string>();
        foreach (var method in KyodoServices.All().SelectMany(s => s.Methods))
        {
            var rule = KyodoServices.RestRule(method);
            if (rule is null) continue; // the test above names it
            var backend = GatewayRoutes.Services.Single(s => s.Service.FullName == method.Service.FullName).Backend;
            var (verb, template) = KyodoServices.Route(rule);
            // One caller per RPC, so the probe tells which request reached which RPC.
            var token = TestAuth.SystemTokenAs($"rest-{method.Name}-{Guid.NewGuid():N}");
            using var http = system.Gateway.Rest(token);
            using var request = new HttpRequestMessage(verb, PathVariable().Replace(template, m => ValueFor(m.Groups[1].Value)));
            // Empty requests: every one is refused (missing fields, unknown ids), so nothing is written.
            if (rule.Body == "*") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

            using var response = await http.SendAsync(request);

            var reached = system.ProbeOf(backend).Calls.Where(c => c.Authorization == "Bearer " + token).Select(c => c.Method).ToList();
            var expected = $"/{method.Service.FullName}/{method.Name}";
            if (reached.SequenceEqual([expected])) continue;
            missed.Add(
                $"{verb} {request.RequestUri} → {(int)response.StatusCode}, reached [{string.Join(", ", reached)}] instead of {expected}");
        }
        Assert.True(missed.Count == 0, "REST paths that do not reach their RPC:\n" + string.Join("\n", missed));
    }

    /// <summary>A value of the right form for a path variable (what it is does not matter: the RPC refuses or does not find it).</summary>
    private static string ValueFor(string field) => field switch
    {
        _ when field.Contains("municipality", StringComparison.Ordinal) => "35203",
        "fiscal_year" => "2024",
        "record_type" => "plan",
        _ => Guid.NewGuid().ToString(),
    };
}
