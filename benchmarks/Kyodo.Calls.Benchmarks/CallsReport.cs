using System.Globalization;
using Kyodo.Benchmarks.Common;

namespace Kyodo.Calls.Benchmarks;

/// <summary>One call's figures: its baselines and its runs straight to the service and through the gateway.</summary>
public sealed record ScenarioReport(CallScenario Scenario, PgBenchResult PgBench, LoadResult Kestrel, LoadResult Direct,
    LoadResult Gateway, PgBenchResult? OwnSql = null);

/// <summary>The printed table: every figure with the load average at its end, the same-run ratios, and the issue's targets.</summary>
public static class CallsReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(IReadOnlyList<ScenarioReport> reports)
    {
        Console.WriteLine(
            $"{"call",-34} {"callers",7} {"target",-8} {"calls",7} {"errors",6} {"per s",8} {"p50 ms",7} {"p99 ms",7} {"cpu µs",7}  load");
        foreach (var r in reports)
        {
            Row(r.Scenario.Title, r.Scenario.Callers, "pgbench", null, r.PgBench.Tps, r.PgBench.LatencyMs, double.NaN,
                r.PgBench.LoadAverage);
            if (r.OwnSql is { } own) Row("", r.Scenario.Callers, "own sql", null, own.Tps, own.LatencyMs, double.NaN, own.LoadAverage);
            foreach (var (target, result) in new[] { ("kestrel", r.Kestrel), ("direct", r.Direct), ("gateway", r.Gateway) })
                Row("", r.Scenario.Callers, target, result, result.CallsPerSecond, result.P50Ms, result.P99Ms, result.LoadAverage);
        }
        Console.WriteLine(
            "(pgbench's p50 column is its mean latency; cpu µs = this process's CPU per successful call: callers, gateway and services,");
        Console.WriteLine(" not PostgreSQL; load = 1/5/15-minute load average at the end of the run)");
        Console.WriteLine();

        Console.WriteLine($"{"call",-34} {"direct/pgbench",14} {"gateway/pgbench",15} {"direct/kestrel",14} {"gateway/kestrel",15} "
            + $"{"gateway/direct",14}");
        foreach (var r in reports)
            Console.WriteLine(string.Create(Invariant,
                $"{r.Scenario.Title,-34} {Ratio(r.Direct.CallsPerSecond, r.PgBench.Tps),14:F3} "
                + $"{Ratio(r.Gateway.CallsPerSecond, r.PgBench.Tps),15:F3} " +
                $"{Ratio(r.Direct.CallsPerSecond, r.Kestrel.CallsPerSecond),14:F3} "
                + $"{Ratio(r.Gateway.CallsPerSecond, r.Kestrel.CallsPerSecond),15:F3} " +
                $"{Ratio(r.Gateway.CallsPerSecond, r.Direct.CallsPerSecond),14:F3}"));
        foreach (var r in reports.Where(r => r.OwnSql is not null))
            Console.WriteLine(string.Create(Invariant,
                $"{r.Scenario.Title,-34} of its own SQL (pgbench): direct {Ratio(r.Direct.CallsPerSecond, r.OwnSql!.Tps):F3}, "
                + $"gateway {Ratio(r.Gateway.CallsPerSecond, r.OwnSql.Tps):F3}; its own SQL is "
                + $"{Ratio(r.OwnSql.Tps, r.PgBench.Tps):F3} of the pgbench baseline"));
        var baselineKeys = reports.Select(r => r.Scenario.PgBaseline)
            .Concat(reports.Select(r => r.Scenario.OwnSqlBaseline).OfType<string>());
        Console.WriteLine("baselines: "
            + string.Join("; ", baselineKeys.Distinct().Select(k => $"{k} = {Baselines.Descriptions[k]}")));
        Console.WriteLine();

        Target(reports, "reserve-100", "Reserve 100 lines, gateway ≥ 0.10 of pgbench", r => Ratio(r.Gateway.CallsPerSecond, r.PgBench.Tps),
            0.10);
        Target(reports, "reserve-1", "Reserve 1 line, gateway ≥ 0.05 of pgbench", r => Ratio(r.Gateway.CallsPerSecond, r.PgBench.Tps),
            0.05);
        Target(reports, "get-plan", "GetPlan, gateway ≥ 0.20 of bare Kestrel",
            r => Ratio(r.Gateway.CallsPerSecond, r.Kestrel.CallsPerSecond), 0.20);
        Target(reports, "get-plan", "GetPlan, gateway ≥ 0.85 of direct", r => Ratio(r.Gateway.CallsPerSecond, r.Direct.CallsPerSecond),
            0.85);
        foreach (var r in reports)
            foreach (var (name, result) in new[] { ("direct", r.Direct), ("gateway", r.Gateway), ("kestrel", r.Kestrel) })
                foreach (var (code, count) in result.Errors.OrderBy(e => e.Key))
                    Console.WriteLine(
                        $"errors, {r.Scenario.Key} {name}: {code} × {count} (first: {result.ErrorDetails.GetValueOrDefault(code)})");
    }

    private static void Row(string title, int callers, string target, LoadResult? result, double perSecond, double p50, double p99,
        string load) =>
        Console.WriteLine(string.Create(Invariant,
            $"{title,-34} {callers,7} {target,-8} {(result is null ? "" : result.Calls.ToString(Invariant)),7} "
            + $"{(result is null ? "" : result.ErrorCount.ToString(Invariant)),6} " +
            $"{perSecond,8:F0} {p50,7:F2} {p99,7:F2} "
            + $"{(result is null ? "" : result.CpuMicrosecondsPerCall.ToString("F0", Invariant)),7}  {load}"));

    private static void Target(IReadOnlyList<ScenarioReport> reports, string key, string what, Func<ScenarioReport, double> ratio,
        double target)
    {
        if (reports.FirstOrDefault(r => r.Scenario.Key == key) is not { } report) return;
        var value = ratio(report);
        Console.WriteLine(string.Create(Invariant, $"target: {what}: {value:F3} {(value >= target ? "met" : "NOT met")}"));
    }

    private static double Ratio(double a, double b) => b > 0 ? a / b : double.NaN;
}
