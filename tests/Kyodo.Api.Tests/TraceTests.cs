using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kyodo.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Kyodo.Api.Tests;

// One REST call's trace runs gateway → service → database → outbox relay → broker → reporting's
// consumer: the trace context is stored with the outbox row and the consumer
// continues it from the message.
[Collection(ApiSystemCollection.Name)]
public sealed class TraceTests(ApiSystemFixture system)
{
    [Fact]
    public async Task ARestCallsTraceRunsFromTheGatewayThroughThePlanServiceAndItsOutboxToReportingsConsumer()
    {
        var name = $"追跡試験 {Guid.NewGuid():N}";
        using var http = new HttpClient { BaseAddress = system.Gateway.RestAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestAuth.SystemToken());
        HttpResponseMessage response;
        // The test's own client is in this process too: untraced, so the trace starts where an
        // outside caller's would, at the gateway.
        using (SuppressInstrumentationScope.Begin())
        {
            response = await http.PostAsJsonAsync("/plan/v1/plans", new
            {
                municipality = new { code = "99018", name = "追跡市" },
                name,
                startFiscalYear = "2020",
                endFiscalYear = "2024",
            });
        }
        using var sent = response;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var planId =
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("plan").GetProperty("id").GetString();

        var gatewayPort = system.Gateway.RestAddress.Port;
        var root = await EventuallyAsync(() => system.Spans().FirstOrDefault(s =>
            s is { Kind: ActivityKind.Server, Source.Name: "Microsoft.AspNetCore" } && Port(s) == gatewayPort
            && (s.GetTagItem("url.path") as string) == "/plan/v1/plans"), "the gateway's server span of POST /plan/v1/plans");

        // Reporting's spans arrive last (a span is exported when it ends, its parents after it): wait
        // until a consumer span's chain of parents is complete, then read the whole trace.
        await EventuallyAsync(() =>
        {
            var sofar = system.Spans().Where(s => s.TraceId == root.TraceId).ToList();
            return sofar.FirstOrDefault(s => s is { Kind: ActivityKind.Consumer, Source.Name: "MassTransit" } && IsBelow(s, root, sofar));
        }, "a consume span in reporting whose parents lead back to the gateway's");
        var trace = system.Spans().Where(s => s.TraceId == root.TraceId).ToList();
        var tree = Describe(trace);

        Assert.True(root.ParentSpanId == default, "the gateway's span starts the trace\n" + tree);
        var planServer =
            Single(trace, s => s.Kind == ActivityKind.Server && Port(s) == system.Plan.GrpcAddress.Port, "plan's server span", tree);
        Assert.True(IsBelow(planServer, root, trace), "plan's span is under the gateway's\n" + tree);
        Single(trace, s => s.Source.Name == "Npgsql" && IsBelow(s, planServer, trace)
            && (s.GetTagItem("db.query.text")
                ?? s.GetTagItem("db.statement"))?.ToString()?.Contains("outbox_messages", StringComparison.Ordinal) == true,
            "plan's INSERT of the outbox row", tree);
        var publish = Single(trace, s => s.Source.Name == "Kyodo.Outbox", "the relay's publish span", tree);
        Assert.True(IsBelow(publish, planServer, trace), "the relay publishes within the request that wrote the event\n" + tree);
        var send = Single(trace, s => s is { Source.Name: "MassTransit", Kind: ActivityKind.Producer } && IsBelow(s, publish, trace),
            "MassTransit's send span under the relay's", tree);
        var consume = Single(trace, s => s is { Source.Name: "MassTransit", Kind: ActivityKind.Consumer } && IsBelow(s, send, trace),
            "reporting's consume span under the send", tree);
        Assert.Contains(trace, s => s.Source.Name == "Npgsql" && IsBelow(s, consume, trace));
        Assert.NotNull(planId);
    }

    [Fact]
    public void EveryAppDescribesItselfWithItsNameVersionAndEnvironment()
    {
        foreach (var (app, service) in new[] { ("gateway", system.Gateway), ("plan", system.Plan), ("reporting", system.Reporting) })
        {
            var resource =
                service.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);
            Assert.Equal("kyodo-" + app, resource["service.name"]);
            Assert.Equal(BuildVersion, resource["service.version"]);
            Assert.StartsWith("1.", (string)resource["service.version"]);
            Assert.Equal("production", resource["deployment.environment"]);
        }
    }

    [Fact]
    public void ThePlanServiceCarriesTheKubernetesAttributesItsManifestGivesIt()
    {
        var resource =
            system.Plan.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal("kyodo", resource["k8s.namespace.name"]);
        Assert.Equal("plan-7d9f-x2k4q", resource["k8s.pod.name"]);
        Assert.Equal("node-1", resource["k8s.node.name"]);
        Assert.Equal("plan", resource["k8s.deployment.name"]);
    }

    [Fact]
    public async Task ThePlanServiceRecordsNpgsqlAndRuntimeMetrics()
    {
        var plans = new Kyodo.Plan.V1.PlanService.PlanServiceClient(system.Plan.Channel);
        await plans.ListMunicipalitiesAsync(new Kyodo.Plan.V1.ListMunicipalitiesRequest());
        var names = system.MetricsOf("Plan", system.Plan).Select(m => (m.MeterName, m.Name)).ToHashSet();
        Assert.Contains(names, m => m.MeterName == "Npgsql" && m.Name.StartsWith("db.client.", StringComparison.Ordinal));
        Assert.Contains(names, m => m.MeterName == "System.Runtime" && m.Name.StartsWith("dotnet.", StringComparison.Ordinal));
    }

    /// <summary>The informational version every Kyodo assembly of this build carries (its commit included).</summary>
    private static readonly string BuildVersion = typeof(Kyodo.Plan.PlanApp).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;

    private static int? Port(Activity span) => span.GetTagItem("server.port") switch
    {
        int port => port,
        string text when int.TryParse(text, out var port) => port,
        _ => null,
    };

    private static IEnumerable<Activity> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        for (var parent = trace.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null;
             parent = trace.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
            yield return parent;
    }

    private static bool IsBelow(Activity span, Activity ancestor, IReadOnlyList<Activity> trace) =>
        Ancestors(span, trace).Any(a => a.SpanId == ancestor.SpanId);

    private static Activity Single(IReadOnlyList<Activity> trace, Func<Activity, bool> match, string what, string tree) =>
        trace.FirstOrDefault(match) ?? throw new Xunit.Sdk.XunitException($"no {what} in the trace:\n{tree}");

    private static string Describe(IReadOnlyList<Activity> trace) => string.Join("\n", trace.OrderBy(s => s.StartTimeUtc)
        .Select(s => $"{s.SpanId} ← {s.ParentSpanId} [{s.Source.Name} {s.Kind}] {s.DisplayName} port={Port(s)}"));

    private static async Task<Activity> EventuallyAsync(Func<Activity?> find, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (find() is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no {what} was recorded within 30 s");
    }
}
