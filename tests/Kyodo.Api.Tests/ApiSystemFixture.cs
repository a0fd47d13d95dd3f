using System.Diagnostics;
using Kyodo.Budget;
using Kyodo.Gateway;
using Kyodo.Plan;
using Kyodo.Reporting;
using Kyodo.Subsidy;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Kyodo.Api.Tests;

/// <summary>
/// The whole system on real ports (four services, each on a fresh database, one RabbitMQ virtual
/// host, the gateway in front), each app's own OpenTelemetry also exporting to memory: the spans
/// and metrics it records, per app. In one process every app's tracer sees every app's spans, so
/// a span is told apart by what it says (the port it served, its source), not by which list holds it.
/// </summary>
public sealed class ApiSystemFixture : IAsyncLifetime
{
    private readonly OwnedResources _owned = new();
    private readonly Dictionary<string, Recorded<Activity>> _spans = new();
    private readonly Dictionary<string, Recorded<Metric>> _metrics = new();

    public ServiceUnderTest Plan { get; private set; } = null!;
    public ServiceUnderTest Budget { get; private set; } = null!;
    public ServiceUnderTest Subsidy { get; private set; } = null!;
    public ServiceUnderTest Reporting { get; private set; } = null!;
    public ServiceUnderTest Gateway { get; private set; } = null!;

    /// <summary>Resource attributes the plan service is given as its Kubernetes manifest gives them.</summary>
    public const string PlanResourceAttributes =
        "k8s.namespace.name=kyodo,k8s.pod.name=plan-7d9f-x2k4q,k8s.node.name=node-1,k8s.deployment.name=plan";

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "api"));

        async Task<ServiceUnderTest> StartAsync(string name, Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
            Dictionary<string, string?>? extra = null)
        {
            var database = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "api_" + name.ToLowerInvariant()));
            var settings = ServiceSettings.For(name, database, virtualHost);
            foreach (var (key, value) in extra ?? []) settings[key] = value;
            settings["Telemetry:Enabled"] = "true";
            return _owned.Own(await ServiceUnderTest.StartAsync(create, settings, configure: b => ExportToMemory(name, b)));
        }

        Reporting = await StartAsync("Reporting", ReportingApp.Create);
        Plan = await StartAsync("Plan", PlanApp.Create, new() { ["OTEL_RESOURCE_ATTRIBUTES"] = PlanResourceAttributes });
        Budget = await StartAsync("Budget", BudgetApp.Create, new() { ["Services:Plan"] = Plan.GrpcAddress.ToString() });
        Subsidy = await StartAsync("Subsidy", SubsidyApp.Create, new() { ["Services:Budget"] = Budget.GrpcAddress.ToString() });
        Gateway = _owned.Own(await ServiceUnderTest.StartAsync(GatewayApp.Create, new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Plan"] = Plan.GrpcAddress.ToString(),
            ["Services:Budget"] = Budget.GrpcAddress.ToString(),
            ["Services:Subsidy"] = Subsidy.GrpcAddress.ToString(),
            ["Services:Reporting"] = Reporting.GrpcAddress.ToString(),
            ["Gateway:RateLimit:RequestsPerSecond"] = "100000",
            ["Gateway:RateLimit:Burst"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Telemetry:Enabled"] = "true",
        }, configure: b => ExportToMemory("Gateway", b)));
    }

    private void ExportToMemory(string app, WebApplicationBuilder builder)
    {
        var spans = _spans[app] = [];
        var metrics = _metrics[app] = [];
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        builder.Services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
    }

    /// <summary>Every span any app recorded so far, once each.</summary>
    public IReadOnlyList<Activity> Spans()
    {
        return _spans.Values.SelectMany(list => list.Snapshot()).DistinctBy(s => s.SpanId).ToList();
    }

    /// <summary>The metrics <paramref name="app"/>'s meter provider has exported, after making it export now.</summary>
    public IReadOnlyList<Metric> MetricsOf(string app, ServiceUnderTest service)
    {
        service.Services.GetRequiredService<MeterProvider>().ForceFlush();
        return _metrics[app].Snapshot();
    }

    public async Task DisposeAsync() => await _owned.DisposeAsync();
}

/// <summary>What an in-memory exporter adds to, read by the test while exporters still add (from their own threads).</summary>
public sealed class Recorded<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public T[] Snapshot() { lock (_items) return _items.ToArray(); }
    public void Add(T item) { lock (_items) _items.Add(item); }
    public void Clear() { lock (_items) _items.Clear(); }
    public bool Contains(T item) { lock (_items) return _items.Contains(item); }
    public void CopyTo(T[] array, int arrayIndex) { lock (_items) _items.CopyTo(array, arrayIndex); }
    public bool Remove(T item) { lock (_items) return _items.Remove(item); }
    public int Count { get { lock (_items) return _items.Count; } }
    public bool IsReadOnly => false;
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
