using System.Diagnostics;
using Grpc.Core;
using Kyodo.Benchmarks.Common;
using Kyodo.Budget.V1;
using Kyodo.Calls.Benchmarks;
using Kyodo.Testing;

// Kyodo's hot calls beside same-run baselines, on a system this program hosts itself (BenchmarkSystem,
// without reporting): per call, its pgbench baseline, then a warm-up and a measured run straight to the
// service and through the gateway (which goes first alternates), then the bare-Kestrel call. Bounded:
// about 25 s per call plus setup; Ctrl+C stops at once. Exits 1 when the money reserved differs from
// what the successful calls reserved.

CallsOptions options;
try { options = CallsOptions.Parse(args); }
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CallsOptions.Usage);
    return 2;
}

// The most warm-up rounds of a count-based call (Award: 2 calls a caller each, each using up an application prepared for it):
// 1,920 Awards, some 10 s. Its path was still compiling after 3,000 (54 % of a core in the JIT while they ran, 2026-12-07).
const int CountWarmupRounds = 60;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var ct = stop.Token;

MachineLoad.PrintHeader("Kyodo calls benchmark");
var began = Stopwatch.GetTimestamp();
await using var system =
    await BenchmarkSystem.StartAsync(new BenchmarkSystemOptions { WithReporting = false, ProductionLogLevels = !options.QuietLogs });
await using var bare = await BareKestrel.StartAsync();
Console.WriteLine($"postgres: {await PostgresSettings.ReadAsync(system.PlanDatabase.ConnectionString, ct)}");
Console.WriteLine($"system:   plan, budget, subsidy and the gateway in this process on fresh databases (reporting not started), " +
                  $"logs {(options.QuietLogs ? "warnings only" : "at the apps' appsettings levels, to stderr")}; started in "
                  + $"{Stopwatch.GetElapsedTime(began).TotalSeconds:F1} s");
Console.WriteLine($"runs:     per call: pgbench {options.Seconds} s, then direct and gateway, each a warm-up ({options.WarmupSeconds} s, "
    + $"then on until the JIT is quiet, at most {options.WarmupMaxSeconds} s) + {options.Seconds} s, "
    + $"then bare Kestrel 1+{options.Seconds} s " +
                  $"(Award: {options.Awards} calls each); a token per caller, the gateway's rate limit lifted");

using var gatewayChannel = Channels.Create(system.Gateway.GrpcAddress);
using var planChannel = Channels.Create(system.Plan.GrpcAddress);
using var budgetChannel = Channels.Create(system.Budget.GrpcAddress);
using var subsidyChannel = Channels.Create(system.Subsidy.GrpcAddress);
using var kestrelChannel = Channels.Create(bare.Address);
var gateway = CallTarget.Gateway(gatewayChannel);
var direct = CallTarget.Direct(planChannel, budgetChannel, subsidyChannel);
var headers = CallScenarios.CallerHeaders(CallScenarios.ReserveCallers);

var reports = new List<ScenarioReport>();
try
{
    began = Stopwatch.GetTimestamp();
    var awardWarmup = CountWarmupRounds * 2 * CallScenarios.WriteCallers; // at most: WarmUpAsync stops once the JIT is quiet
    var applications = options.Runs("award") ? 2 * (options.Awards + awardWarmup) : 0;
    var data = await CallsData.CreateAsync(gatewayChannel, headers[0], applications, ct);
    Console.WriteLine($"setup:    plan, node, {CallsData.Lines} items with FY{CallsData.FiscalYear} lines, a grant program, {applications} "
        + $"applications under review, " +
                      $"through the gateway in {Stopwatch.GetElapsedTime(began).TotalSeconds:F1} s");
    var (waited, lastSecond) = await ProcessCpu.WaitUntilSettledAsync(quietMsPerSecond: 50, atMost: TimeSpan.FromSeconds(120), ct);
    Console.WriteLine($"settled:  {waited.TotalSeconds:F0} s after setup (the services consume its events in the background), " +
                      $"down to {lastSecond:F0} ms of this process's CPU a second");
    Console.WriteLine();

    var baselines = new Baselines(system, data, options.Seconds);
    var scenarios = CallScenarios.All(data, headers).Where(s => options.Runs(s.Key)).ToList();
    for (var s = 0; s < scenarios.Count; s++)
    {
        var scenario = scenarios[s];
        Console.Write($"{scenario.Key}: pgbench ... ");
        var pg = await baselines.PgBenchAsync(scenario.PgBaseline, scenario.Callers, ct);
        Console.Write($"{pg.Tps:F0} tps; ");
        PgBenchResult? ownSql = null;
        if (scenario.OwnSqlBaseline is { } ownKey)
        {
            Console.Write("its own SQL ... ");
            ownSql = await baselines.PgBenchAsync(ownKey, scenario.Callers, ct);
            Console.Write($"{ownSql.Tps:F0} tps; ");
        }
        var results = new Dictionary<string, LoadResult>();
        foreach (var target in s % 2 == 0 ? new[] { direct, gateway } : [gateway, direct])
        {
            Console.Write($"{target.Name} warming ... ");
            var warmedFor = await WarmUpAsync(scenario, target);
            Console.Write("measuring ... "); // benchmarks/profile.sh starts its trace on this
            var jit = JitMark.Now();
            var run = results[target.Name] = await RunAsync(scenario, target, warmup: false);
            Console.Write($"{run.CallsPerSecond:F0}/s (warmed {warmedFor.TotalSeconds:F0} s; JIT in the run "
                + $"{JitMark.Now().Since(jit).ShareOfACore(run.Elapsed):P1} of a core) ");
        }
        // After the calls, not before: measured first thing after setup, the bare Kestrel ran at a fifth of
        // its later rate and cost 5–7× the CPU per call (4,303/s against 17,646/s in one run; 346 against
        // 51–65 µs in another, after an 8 s warm-up of its own), which flattered GetPlan's ratios. Here the
        // process is as settled for the baseline as it was for the calls.
        Console.Write("bare Kestrel ... ");
        var kestrel = await baselines.KestrelAsync(kestrelChannel, scenario.Callers, ct);
        Console.WriteLine($"{kestrel.CallsPerSecond:F0}/s");
        reports.Add(new ScenarioReport(scenario, pg, kestrel, results["direct"], results["gateway"], ownSql));
    }

    Console.WriteLine();
    CallsReport.Print(reports);
    return await CallsCheck.RunAsync(direct, headers[0], data, reports, ct) ? 0 : 1;
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

// At least --warmup seconds of the call (a count-based call: one round, 2 calls a caller); then on, a second at a time, until
// the JIT has used under 1 % of a core in one (at most --warmup-max, and a count-based call at most CountWarmupRounds rounds, as
// many as its prepared applications allow): the figures are of a service that has been running, not of one still compiling
// itself (JitMark).
async Task<TimeSpan> WarmUpAsync(CallScenario scenario, CallTarget target)
{
    var began = Stopwatch.GetTimestamp();
    var rounds = 1;
    await RunAsync(scenario, target, warmup: true);
    while (Stopwatch.GetElapsedTime(began) < TimeSpan.FromSeconds(options.WarmupMaxSeconds)
           && !(scenario.CountBased && rounds == CountWarmupRounds))
    {
        var (mark, second) = (JitMark.Now(), Stopwatch.GetTimestamp());
        if (scenario.CountBased)
            for (; rounds < CountWarmupRounds && Stopwatch.GetElapsedTime(second) < TimeSpan.FromSeconds(1); rounds++)
                await RunAsync(scenario, target, warmup: true);
        else await RunForAsync(scenario, target, TimeSpan.FromSeconds(1));
        if (JitMark.Now().Since(mark).ShareOfACore(Stopwatch.GetElapsedTime(second)) < 0.01) break;
    }
    return Stopwatch.GetElapsedTime(began);
}

async Task<LoadResult> RunAsync(CallScenario scenario, CallTarget target, bool warmup)
{
    if (scenario.CountBased)
    {
        var count = warmup ? 2 * scenario.Callers : options.Awards;
        var result =
            await CallLoad.CountAsync(scenario.Callers, count, (i, token) => scenario.Call(target, i % scenario.Callers, i, token), ct);
        CallsCheck.Count(scenario.Key, result);
        return result;
    }
    return await RunForAsync(scenario, target, TimeSpan.FromSeconds(warmup ? options.WarmupSeconds : options.Seconds));
}

async Task<LoadResult> RunForAsync(CallScenario scenario, CallTarget target, TimeSpan duration)
{
    var run = await CallLoad.ForAsync(scenario.Callers, duration, (caller, n, token) => scenario.Call(target, caller, n, token), ct);
    CallsCheck.Count(scenario.Key, run);
    return run;
}
