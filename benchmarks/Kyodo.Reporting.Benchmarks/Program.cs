using System.Diagnostics;
using Grpc.Core;
using Kyodo.Benchmarks.Common;
using Kyodo.Reporting.Benchmarks;
using Kyodo.Reporting.Benchmarks.National;
using Kyodo.Reporting.V1;
using Kyodo.Testing;
using MassTransit;

// `national …`: reporting at national scale (National/NationalBenchmark.cs); `serve-reporting`: the
// reporting service alone, the process that benchmark starts and measures.
if (ServeReporting.Matches(args)) return await ServeReporting.RunAsync(args);
if (args is ["national", .. var nationalArgs])
{
    NationalOptions national;
    try { national = NationalOptions.Parse(nationalArgs); }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(NationalOptions.Usage);
        return 2;
    }
    using var stopNational = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopNational.Cancel(); };
    return await NationalBenchmark.RunAsync(national, stopNational.Token);
}

// Reporting under load, on a system this program hosts itself (see BenchmarkSystem): a synthetic
// municipality written through the gateway while the reporting service consumes its events,
// then the department summary through the gateway; then the same events as a backlog drained by a
// fresh reporting instance (BacklogDrain). Prints figures; exits 1 if the drained instance's
// summary differs from the live one.

BenchmarkOptions options;
try { options = BenchmarkOptions.Parse(args); }
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var ct = stop.Token;

MachineLoad.PrintHeader("Kyodo reporting benchmark");
Console.WriteLine($"load:     {options.Items} items × {options.Years} fiscal years, {options.Applications} subsidy applications, " +
                  $"{options.Writers} concurrent writers, {options.SummaryCalls} department summaries");
var began = Stopwatch.GetTimestamp();
var probe = new ConsumptionProbe();
await using var system = await BenchmarkSystem.StartAsync(new BenchmarkSystemOptions
{
    ConfigureReporting = builder => builder.Services.AddConsumeObserver(_ => probe),
});
Console.WriteLine($"postgres: {await PostgresSettings.ReadAsync(system.PlanDatabase.ConnectionString, ct)}");
Console.WriteLine(
    $"started reporting, plan, budget, subsidy and the gateway on fresh databases in {Stopwatch.GetElapsedTime(began).TotalSeconds:F1} s");

var municipality = new SyntheticMunicipality(system.Gateway.Channel, TestAuth.SystemToken(), options);
try
{
    began = Stopwatch.GetTimestamp();
    await municipality.SetUpAsync(ct);
    await WaitForAsync(() => probe.Count >= municipality.SetupEvents, TimeSpan.FromMinutes(2));
    Console.WriteLine($"setup: plan, 10 departments, 21 nodes, grant program ({municipality.SetupEvents} events consumed) in "
        + $"{Stopwatch.GetElapsedTime(began).TotalSeconds:F1} s");

    // The load: every event from here on is measured.
    var before = probe.Count;
    var loadStart = DateTimeOffset.UtcNow;
    var writeLatencies = await municipality.LoadAsync(ct);
    var writeEnd = DateTimeOffset.UtcNow;
    var written = municipality.LoadEvents;
    var writeSeconds = (writeEnd - loadStart).TotalSeconds;
    var loadAverage = MachineLoad.Now();
    Console.WriteLine($"load: {writeLatencies.Count} write calls, {written} events in {writeSeconds:F1} s ({written / writeSeconds:F0} "
        + $"events/s written)");

    await WaitForAsync(() => probe.Count >= before + written, TimeSpan.FromMinutes(15));
    var consumed = probe.Snapshot().Skip(before).ToList();
    var first = consumed.Min(c => c.At);
    var last = consumed.Max(c => c.At);
    var lag = Percentiles.Of(consumed.Select(c => c.LagMs));
    var untilPublished = Percentiles.Of(consumed.Select(c => c.UntilPublishedMs));
    var sincePublished = Percentiles.Of(consumed.Select(c => c.SincePublishedMs));
    var inConsumer = Percentiles.Of(consumed.Select(c => c.InConsumerMs));
    var writes = Percentiles.Of(writeLatencies);
    Console.WriteLine($"consumed: {consumed.Count} events, the last {(last - writeEnd).TotalSeconds:F1} s after the last write; "
        + $"{probe.Faults} consumer faults");

    // Same-run baselines of the write calls, with as many callers as writers: a trivial unary gRPC call
    // to a bare Kestrel in this process, and pgbench's autocommitted one-row INSERT on the same server.
    await using var bare = await BareKestrel.StartAsync();
    using var bareChannel = Channels.Create(bare.Address);
    var kestrel = await BareKestrel.MeasureAsync(bareChannel, options.Writers, TimeSpan.FromSeconds(5), ct);
    await PgBench.CreateWriteTableAsync(system.BudgetDatabase.ConnectionString, ct);
    var insert = await PgBench.RunAsync(system.Infrastructure, system.BudgetDatabase.Name, "insert-row", [PgBench.InsertRow],
        options.Writers, 5, ct);

    // The department summary over the whole municipality and period, through the gateway.
    var reports = new ReportingService.ReportingServiceClient(system.Gateway.Channel);
    var request = new DepartmentSummaryRequest
    {
        MunicipalityCode = SyntheticMunicipality.Code, FiscalYearFrom = SyntheticMunicipality.FirstYear,
        FiscalYearTo = municipality.LastYear,
    };
    Report? report = null;
    for (var i = 0; i < 5; i++) report = await reports.GetDepartmentSummaryAsync(request, municipality.Call(ct));
    var summaryLatencies = new List<double>();
    for (var i = 0; i < options.SummaryCalls; i++)
    {
        var call = Stopwatch.GetTimestamp();
        report = await reports.GetDepartmentSummaryAsync(request, municipality.Call(ct));
        summaryLatencies.Add(Stopwatch.GetElapsedTime(call).TotalMilliseconds);
    }
    var summary = Percentiles.Of(summaryLatencies);

    began = Stopwatch.GetTimestamp();
    var backlog = await BacklogDrain.RunAsync(system, SyntheticMunicipality.Code, request, report!, ct);
    Console.WriteLine(
        $"backlog: {backlog.Events} events published to a stopped fresh reporting instance in {backlog.PublishSeconds:F1} s, drained in " +
                      $"{backlog.DrainSeconds:F1} s; {backlog.Faults} consumer faults; whole phase "
                      + $"{Stopwatch.GetElapsedTime(began).TotalSeconds:F1} s");

    Console.WriteLine();
    Console.WriteLine("| measure | value |");
    Console.WriteLine("| --- | ---: |");
    Console.WriteLine($"| events written through the services (load phase) | {written / writeSeconds:F0} events/s |");
    Console.WriteLine($"| events consumed into the read models (first to last of the load) | "
        + $"{consumed.Count / (last - first).TotalSeconds:F0} events/s |");
    Console.WriteLine($"| event-to-read-model lag p50 / p99 / max | {lag.P50:F0} / {lag.P99:F0} / {lag.Max:F0} ms |");
    Console.WriteLine(
        $"| … of which commit to published by the outbox relay, p50 / p99 | {untilPublished.P50:F0} / {untilPublished.P99:F0} ms |");
    Console.WriteLine(
        $"| … of which published to read model (queue + consumer), p50 / p99 | {sincePublished.P50:F0} / {sincePublished.P99:F0} ms |");
    Console.WriteLine($"| consumer work per event (received to committed), p50 / p99 | {inConsumer.P50:F0} / {inConsumer.P99:F0} ms |");
    Console.WriteLine(
        $"| write call latency p50 / p99 (load average at the end of the load: {loadAverage}) | {writes.P50:F0} / {writes.P99:F0} ms |");
    Console.WriteLine($"| … baseline: trivial gRPC call to a bare Kestrel, {options.Writers} callers, p50 / p99 (load "
        + $"{kestrel.LoadAverage}) | {kestrel.P50Ms:F2} / {kestrel.P99Ms:F2} ms |");
    Console.WriteLine($"| … baseline: pgbench one-row INSERT, {options.Writers} clients, mean latency (load {insert.LoadAverage}) | "
        + $"{insert.LatencyMs:F2} ms ({insert.Tps:F0} tps) |");
    Console.WriteLine($"| department summary via gateway p50 / p99 ({options.SummaryCalls} sequential calls, {report!.Tables[0].Rows.Count}"
        + $" department rows) | {summary.P50:F0} / {summary.P99:F0} ms |");
    Console.WriteLine($"| backlog: every event published, delivered at once to a fresh reporting instance | {backlog.Events} events |");
    Console.WriteLine($"| backlog drained (first to last consumed) | {backlog.EventsPerSecond:F0} events/s |");
    Console.WriteLine($"| backlog consumer work per event (received to committed), p50 / p99 | {backlog.InConsumerMs.P50:F0} / "
        + $"{backlog.InConsumerMs.P99:F0} ms |");
    Console.WriteLine($"| backlog: drained instance's department summary equals the live one | {(backlog.SummaryEqual ? "yes" : "NO")} |");
    if (backlog.SummaryEqual) return 0;
    Console.Error.WriteLine($"live:    {report}");
    Console.Error.WriteLine($"drained: {backlog.Summary}");
    return 1;
}
catch (RpcException e)
{
    Console.Error.WriteLine($"failed: {e.StatusCode}: {e.Status.Detail}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("stopped");
    return 130;
}

async Task WaitForAsync(Func<bool> done, TimeSpan timeout)
{
    var deadline = DateTime.UtcNow + timeout;
    while (!done())
    {
        if (DateTime.UtcNow > deadline)
            throw new TimeoutException($"the reporting service had consumed {probe.Count} events after {timeout.TotalMinutes} min");
        await Task.Delay(50, ct);
    }
}
