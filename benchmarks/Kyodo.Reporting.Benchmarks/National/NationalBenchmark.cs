using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Kyodo.Benchmarks.Common;
using Kyodo.Gateway;
using Kyodo.Reporting.V1;
using Kyodo.Testing;
using Npgsql;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// Reporting at national scale: the synthetic country loaded into the read models, the
/// reporting service in a process of its own behind the gateway, then (1) reports of one city, of
/// a node, of the largest prefecture and of the nation, (2) the live path, events through RabbitMQ
/// into the consumers at a steady rate, (3) a backlog drained beside plain MassTransit draining
/// the same events, and the reporting process's peak memory and the database's size. Prints every
/// figure with the load average beside it; asserts nothing.
/// </summary>
public static class NationalBenchmark
{
    private const string Account = "一般会計/2 総務費";
    private static readonly TimeSpan LiveWarmupAtMost = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(NationalOptions options, CancellationToken ct)
    {
        var country = new Country(options.Municipalities);
        var infrastructure = await TestInfrastructure.GetAsync();
        var server = options.Postgres ?? infrastructure.PostgresConnectionString("postgres");
        var database = new NationalDatabase(server, options.Database);
        Console.WriteLine($"Kyodo reporting, national scale: {country.Municipalities.Count} municipalities in "
            + $"{country.Municipalities.Select(c => c[..2]).Distinct().Count()} prefectures, " +
                          $"{Country.Items} items × {SyntheticCity.Years} fiscal years each ({Country.LargeCity}: "
                          + $"{Country.LargeCityItems}) — .NET {Environment.Version}, " +
                          $"{Environment.ProcessorCount} CPUs, load average {Timings.LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");

        var began = Stopwatch.GetTimestamp();
        if (await database.PrepareAsync(country.Municipalities.Count, ct))
        {
            // An earlier run's changes leave dead rows (800,000 in the schedule cells after five runs) that
            // autovacuum has not yet reached, and every later write and read pays for them: vacuumed, a kept database starts
            // each run as a freshly loaded one does.
            var vacuumed = Stopwatch.GetTimestamp();
            await database.ExecuteAsync("VACUUM ANALYZE", ct);
            Console.WriteLine($"reusing the loaded database {options.Database} (VACUUM ANALYZE first: "
                + $"{Stopwatch.GetElapsedTime(vacuumed).TotalSeconds:F0} s)");
        }
        else
        {
            Console.WriteLine($"loading {options.Database} (COPY into the read-model tables)");
            var (rows, took) = await BulkLoad.RunAsync(database.ConnectionString, country, Console.WriteLine, ct);
            await database.MarkLoadedAsync(country.Municipalities.Count, ct);
            Console.WriteLine($"loaded {rows:N0} rows in {took.TotalMinutes:F1} min ({rows / took.TotalSeconds:N0} rows/s, load average "
                + $"{Timings.LoadAverage()})");
        }
        foreach (var setting in await database.SettingsAsync(ct)) Console.WriteLine($"  postgresql: {setting}");

        await using var vhost = await TestVirtualHost.CreateAsync(infrastructure, "national");
        var settings = Settings(database.ConnectionString, vhost);
        if (options.ConsumerConcurrency is { } concurrency)
            settings["Messaging:ConsumerConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture);
        var reporting = await ReportingProcess.StartAsync(settings, ct);
        await using var gateway = await ServiceUnderTest.StartAsync(GatewayApp.Create, new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Reporting"] = reporting.GrpcAddress.ToString(),
            ["Services:Plan"] = reporting.GrpcAddress.ToString(), ["Services:Budget"] = reporting.GrpcAddress.ToString(),
            ["Services:Subsidy"] = reporting.GrpcAddress.ToString(),
            ["Gateway:RateLimit:RequestsPerSecond"] = "1000000", ["Gateway:RateLimit:Burst"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        Console.WriteLine($"reporting process and gateway ready in {Stopwatch.GetElapsedTime(began).TotalSeconds:F0} s since start");
        var results = new List<string>();
        try
        {
            var reports = new ReportingService.ReportingServiceClient(gateway.ChannelAs(TestAuth.SystemToken()));
            var queries = await QueriesAsync(reports, database, country, options, ct);
            queries.AddRange(await KeptFiguresTimings.RunAsync(reports, database, country, options, ct));
            var peakAfterQueries = reporting.PeakMemoryMiB();

            results.AddRange(queries.Select(q => string.Create(CultureInfo.InvariantCulture,
                $"| {q.Name} | {q.P50:F1} / {q.P99:F1} ms | {q.LoadBefore} → {q.LoadAfter} |")));
            // Every event a change the database has not seen: revisions above what a kept database holds from earlier runs (the
            // same events again would be duplicates, which cost the consumers less than changes).
            var events = new LiveEvents(country, seed: 14, firstRevision: await database.HighestRevisionAsync(ct) + 1);
            string peakAfterLive = "skipped", peakAfterDrain = "skipped";
            if (options.LiveEvents > 0)
            {
                Console.WriteLine($"live: at least {options.LiveWarmup} events to warm up (on until reporting's JIT is quiet, at most "
                    + $"{LiveWarmupAtMost.TotalSeconds:F0} s), then {options.LiveEvents} measured, at {options.Rate}/s through RabbitMQ "
                    + "into the consumers");
                var before = reporting.Count;
                // The first events meet consumers the process has not run yet: the runtime compiles their code, then compiles it
                // again optimised once hot (JitMark), and the queue this leaves lasted 2.5-22.5 s with lag of 0.5-4 s (decision 043),
                // once per process. Measured as calls are, after the warm-up: at least --live-warmup events, then on until the
                // process's JIT has used under 1 % of a core in a second; the whole, and its lag over time, is printed too.
                int? measuredFrom = null;
                var warming = Stopwatch.GetTimestamp();
                var jitAtMeasure = default(JitMark);
                bool Sends(int k)
                {
                    if (measuredFrom is null && k >= options.LiveWarmup
                        && (reporting.JitShareOfACoreLastSecond < 0.01 || Stopwatch.GetElapsedTime(warming) > LiveWarmupAtMost))
                        (measuredFrom, jitAtMeasure) = (k, reporting.Jit);
                    return measuredFrom is null || k < measuredFrom + options.LiveEvents;
                }
                var (rate, behind) = await PacedPublisher.AtRateAsync(vhost, events.Next, Sends, options.Rate, ct);
                var total = measuredFrom!.Value + options.LiveEvents;
                await WaitForAsync(() => reporting.Count >= before + total, TimeSpan.FromMinutes(10), ct);
                var jitMeasured = reporting.Jit.Since(jitAtMeasure);
                var whole = reporting.Snapshot().Skip(before).OrderBy(c => c.At).ToList();
                var live = whole.Skip(measuredFrom.Value).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  warmed with {measuredFrom} events "
                    + $"({measuredFrom / options.Rate:F0} s); reporting's JIT while the measured events were consumed: "
                    + $"{jitMeasured.Methods} methods, {jitMeasured.ShareOfACore(live[^1].At - live[0].At):P1} of a core"));
                var (lag, cold) = (Percentiles.Of(live.Select(c => c.LagMs)), Percentiles.Of(whole.Select(c => c.LagMs)));
                var work = Percentiles.Of(live.Select(c => c.InConsumerMs));
                // When the slow events fall: a stall shows in a few windows, a consumer that cannot keep up in all.
                // Each window's p99 as lag, of it the publisher's delay (event made to published), and the consumer's work.
                var windows = whole.GroupBy(c => (int)((c.At - whole[0].At).TotalSeconds / 2.5)).Select(g => string.Join("/",
                    new Func<Consumed, double>[] { c => c.LagMs, c => c.UntilPublishedMs, c => c.InConsumerMs }
                        .Select(of => Percentiles.Of(g.Select(of)).P99.ToString("F0", CultureInfo.InvariantCulture))));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  sent {rate:F0}/s (the last {behind:F0} ms late); lag p50 {lag.P50:F0} / p99 {lag.P99:F0} / max {lag.Max:F0} ms "
                    + $"(with the warm-up p99 {cold.P99:F0} / max {cold.Max:F0} ms; p99 by 2.5 s from the first, warm-up included, "
                    + $"as lag/publisher/consumer: {string.Join(" ", windows)}); "
                    + $"consumer work p50 {work.P50:F1} / p99 {work.P99:F1} ms; {reporting.Faults} faults (retried); load average "
                    + $"{Timings.LoadAverage()}"));
                peakAfterLive = reporting.PeakMemoryMiB().ToString("F0", CultureInfo.InvariantCulture);
                results.Add(string.Create(CultureInfo.InvariantCulture, $"| live: event-to-read-model lag at {rate:F0} events/s after "
                    + $"{measuredFrom} to warm up, p50 / p99 / max | {lag.P50:F0} / {lag.P99:F0} / {lag.Max:F0} ms | "
                    + $"{Timings.LoadAverage()} |"));
                results.Add(string.Create(CultureInfo.InvariantCulture, $"| live: the same with the warm-up (the process's first events), "
                    + $"p50 / p99 / max | {cold.P50:F0} / {cold.P99:F0} / {cold.Max:F0} ms | |"));
                results.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| live: consumer work per event (received to committed), p50 / p99 | {work.P50:F1} / {work.P99:F1} ms | |"));
            }

            if (options.Backlog > 0)
            {
                Console.WriteLine($"backlog: {options.Backlog} events published while reporting is stopped, then drained; and plain "
                    + $"MassTransit draining the same");
                var backlog = Enumerable.Range(0, options.Backlog).Select(_ => events.Next(DateTimeOffset.UtcNow)).ToList();
                await reporting.StopAsync();
                var stopped = DateTimeOffset.UtcNow;
                var published = await PacedPublisher.AllAsync(vhost, backlog, ct);
                reporting = await ReportingProcess.StartAsync(settings, ct);
                // Done when the database holds every event of the backlog: its inbox, not the process's
                // reports on stdout, is what was committed (an earlier run waited on the stdout count forever).
                await WaitForBacklogAsync(database, reporting, backlog.Select(e => e.MessageId), TimeSpan.FromMinutes(30), ct);
                var drained = reporting.Snapshot();
                var received = await database.InboxTimesSinceAsync(stopped, ct);
                var drainSeconds = (received.Max() - received.Min()).TotalSeconds;
                var (drainRate, drainSteady) = DrainRate.Of(received);
                if (drained.Count != backlog.Count)
                    Console.WriteLine($"  note: the reporting process reported {drained.Count} of the {backlog.Count} events it consumed "
                        + $"on stdout; rates come from the inbox");
                var drainWork = Percentiles.Of(drained.Select(c => c.InConsumerMs));
                var loadDuringDrain = Timings.LoadAverage();
                var (plainRate, plainSteady) = await PlainMassTransit.DrainRateAsync(infrastructure, backlog, ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  published in {published.TotalSeconds:F1} s; reporting drained {drainRate:F0} events/s ({drainSeconds:F1} s, "
                    + $"consumer work p50 {drainWork.P50:F1} / p99 {drainWork.P99:F1} ms, {reporting.Faults} faults); plain MassTransit "
                    + $"{plainRate:F0}/s; ratio {drainRate / plainRate:F2}; past the first {DrainRate.Skipped:P0} of each: "
                    + $"{drainSteady:F0} / {plainSteady:F0} = {drainSteady / plainSteady:F2}; load average {loadDuringDrain} → "
                    + $"{Timings.LoadAverage()}"));
                peakAfterDrain = reporting.PeakMemoryMiB().ToString("F0", CultureInfo.InvariantCulture);
                results.Add(string.Create(CultureInfo.InvariantCulture, $"| backlog of {backlog.Count:N0}: reporting drained / plain "
                    + $"MassTransit drained | {drainRate:F0} / {plainRate:F0} events/s = {drainRate / plainRate:F2} | "
                    + $"{loadDuringDrain} |"));
                results.Add(string.Create(CultureInfo.InvariantCulture, $"| the same past the first {DrainRate.Skipped:P0} of each (warm) "
                    + $"| {drainSteady:F0} / {plainSteady:F0} events/s = {drainSteady / plainSteady:F2} | |"));
            }
            var size = await database.SizeBytesAsync(ct);
            results.Add(string.Create(CultureInfo.InvariantCulture, $"| reporting process peak memory (VmHWM): after the reports / the "
                + $"live phase / the backlog (a new process) | {peakAfterQueries:F0} / {peakAfterLive} / {peakAfterDrain} MiB | |"));
            results.Add(string.Create(CultureInfo.InvariantCulture, $"| database size | {size / 1024.0 / 1024 / 1024:F2} GiB | |"));
            Console.WriteLine();
            Console.WriteLine("| measure | value | load average |");
            Console.WriteLine("| --- | ---: | --- |");
            foreach (var line in results) Console.WriteLine(line);
            return 0;
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"failed: {e.StatusCode}: {e.Status.Detail}");
            return 1;
        }
        finally
        {
            await reporting.DisposeAsync();
            if (!options.Keep) await database.DropAsync(CancellationToken.None);
        }
    }

    /// <summary>The reports, each timed through the gateway; and the one-query baseline straight on the database.</summary>
    private static async Task<List<Timings.Result>> QueriesAsync(ReportingService.ReportingServiceClient reports, NationalDatabase database,
        Country country, NationalOptions options, CancellationToken ct)
    {
        var (from, to) = (SyntheticCity.FirstYear, SyntheticCity.FirstYear + SyntheticCity.Years - 1);
        CallOptions Call() => new(deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: ct);
        var large = new SyntheticCity(Country.LargeCity);
        var all = new List<Timings.Result>();
        Console.WriteLine("reports through the gateway, one call after another:");
        foreach (var (name, city) in new[] { ($"department summary, a small city ({country.SmallCity}, {Country.Items} items)",
            country.SmallCity),
                     ($"department summary, the large city ({Country.LargeCity}, {Country.LargeCityItems} items)", Country.LargeCity) })
            all.Add(await Timings.TimeAsync(name, options.SummaryCalls, () => reports.GetDepartmentSummaryAsync(new DepartmentSummaryRequest
            { MunicipalityCode = city, FiscalYearFrom = from, FiscalYearTo = to }, Call()).ResponseAsync));

        await using (var source = NpgsqlDataSource.Create(database.ConnectionString))
            all.Add(await Timings.TimeAsync($"the large city's summary as one SQL query (Npgsql, no service)", options.SummaryCalls,
                () => OneQuerySummary.RunAsync(source, Country.LargeCity, from, to)));

        all.Add(await Timings.TimeAsync("node roll-up: the large city's summary of 政策 1 and everything under it", options.SummaryCalls,
            () => reports.GetDepartmentSummaryAsync(
            new DepartmentSummaryRequest
            {
                MunicipalityCode = Country.LargeCity, FiscalYearFrom = from, FiscalYearTo = to,
                NodeId = large.PolicyId(0).ToString()
            }, Call()).ResponseAsync));
        all.Add(await Timings.TimeAsync("plan structure of the large city (every node rolled up)", options.SummaryCalls,
            () => reports.GetPlanStructureAsync(
            new PlanStructureRequest { MunicipalityCode = Country.LargeCity, PlanId = large.PlanId.ToString() }, Call()).ResponseAsync));

        var prefecture = country.LargestPrefecture;
        var inPrefecture = country.Of(prefecture).Count();
        all.Add(await Timings.TimeAsync(
            $"largest prefecture ({prefecture}, {inPrefecture} municipalities): department summary by municipality", options.RollupCalls,
            () => reports.GetAreaDepartmentSummaryAsync(new AreaDepartmentSummaryRequest
            {
                PrefectureCode = prefecture,
                FiscalYearFrom = from, FiscalYearTo = to
            }, Call()).ResponseAsync));
        all.Add(await Timings.TimeAsync($"largest prefecture ({prefecture}): plan structure by municipality", options.RollupCalls,
            () => reports.GetAreaPlanStructureAsync(new AreaPlanStructureRequest
            {
                PrefectureCode = prefecture, FiscalYearFrom = from,
                FiscalYearTo = to
            }, Call()).ResponseAsync));
        var nation = new AreaTrendRequest { AccountPath = Account };
        nation.MunicipalityCodes.AddRange(country.Municipalities);
        all.Add(await Timings.TimeAsync($"national trend of {Account} ({country.Municipalities.Count} municipalities, every year)",
            Math.Max(3, options.RollupCalls / 4), () => reports.GetAreaTrendAsync(nation, Call()).ResponseAsync, warmups: 1));
        return all;
    }

    /// <summary>The reporting process's configuration: the loaded database, its own virtual host, the test token settings, production
    /// messaging.</summary>
    private static Dictionary<string, string?> Settings(string connectionString, TestVirtualHost vhost) => new(TestAuth.Settings)
    {
        ["ConnectionStrings:Reporting"] = connectionString,
        ["RabbitMq:Host"] = vhost.Endpoints.RabbitHost,
        ["RabbitMq:Port"] = vhost.Endpoints.RabbitPort.ToString(CultureInfo.InvariantCulture),
        ["RabbitMq:VirtualHost"] = vhost.Name, ["RabbitMq:Username"] = vhost.Endpoints.RabbitUser,
        ["RabbitMq:Password"] = vhost.Endpoints.RabbitPassword,
        ["Logging:Format"] = "text", ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None", ["Logging:LogLevel:MassTransit"] = "Error",
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
        ["DOTNET_gcServer"] = "1", // as the service runs: the Web SDK turns server GC on
    };

    /// <summary>
    /// Until the inbox holds every one of <paramref name="messageIds"/>. While the process's own count of what it consumed (on
    /// its stdout) is short of them and growing, that count is enough; the database is asked, by the inbox's primary key, only
    /// when it stops short or reaches them. Asking all along cost the drain it measured: a scan of the inbox by time every
    /// 200 ms took a third of a core on a kept database, and 20,000 ids looked up each second still took an eighth.
    /// </summary>
    private static async Task WaitForBacklogAsync(NationalDatabase database, ReportingProcess reporting, IEnumerable<Guid> messageIds,
        TimeSpan timeout, CancellationToken ct)
    {
        var missing = messageIds.ToHashSet();
        var expected = missing.Count;
        var deadline = DateTime.UtcNow + timeout;
        var lastProgress = DateTime.UtcNow;
        var (reported, reportedAt) = (0, DateTime.UtcNow);
        while (true)
        {
            if (reporting.Count > reported) (reported, reportedAt) = (reporting.Count, DateTime.UtcNow);
            var stalled = DateTime.UtcNow - reportedAt > TimeSpan.FromSeconds(5);
            if (reported >= expected || stalled) missing.ExceptWith(await database.CommittedOfAsync(missing, ct));
            if (missing.Count == 0) return;
            var committed = $"{reported} reported consumed, {expected - missing.Count} found committed";
            if (reporting.HasExited)
                throw new InvalidOperationException($"the reporting process {reporting.ExitDescription}: {committed} of {expected} events");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{committed} of {expected} events within {timeout.TotalMinutes} min");
            if (DateTime.UtcNow - lastProgress > TimeSpan.FromSeconds(15))
            {
                Console.WriteLine($"  … {committed} of {expected} (load average {Timings.LoadAverage()})");
                lastProgress = DateTime.UtcNow;
            }
            await Task.Delay(stalled ? 1000 : 200, ct);
        }
    }

    private static async Task WaitForAsync(Func<bool> done, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not consumed within {timeout.TotalMinutes} min");
            await Task.Delay(50, ct);
        }
    }
}
