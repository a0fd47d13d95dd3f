using System.Globalization;
using System.Runtime.InteropServices;

namespace Kyodo.Gateway.Benchmarks;

/// <summary>The printed report: machine and settings first, then one row per target and concurrency, then the ratios.</summary>
public static class ResultTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void PrintHeader(BenchmarkOptions options)
    {
        Console.WriteLine($"Kyodo gateway benchmark, {DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", Invariant)}");
        Console.WriteLine($"machine:  {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}");
        Console.WriteLine($"runtime:  {RuntimeInformation.FrameworkDescription}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        Console.WriteLine($"settings: gateway {options.Gateway}, plan {options.Plan}, concurrency {string.Join("/", options.Concurrency)}, " +
                          $"{options.Rounds} rounds × {options.Seconds} s per target and concurrency, alternating which goes first, after a {options.WarmupSeconds} s warm-up each");
        Console.WriteLine("          GetPlan with a bearer token on every call to either target; one token subject per caller");
        Console.WriteLine();
    }

    public static void Print(IReadOnlyList<(int Concurrency, RunResult Direct, RunResult Gateway)> rows)
    {
        Console.WriteLine($"{"callers",7} {"target",-8} {"calls",8} {"errors",7} {"req/s",9} {"p50 ms",8} {"p99 ms",8}");
        foreach (var (concurrency, direct, gateway) in rows)
            foreach (var (name, r) in new[] { ("direct", direct), ("gateway", gateway) })
                Console.WriteLine(string.Create(Invariant,
                    $"{concurrency,7} {name,-8} {r.Calls,8} {r.ErrorCount,7} {r.CallsPerSecond,9:F0} {r.P50Ms,8:F2} {r.P99Ms,8:F2}"));
        Console.WriteLine();
        Console.WriteLine($"{"callers",7} {"gateway/direct: req/s",22} {"p50",7} {"p99",7}");
        foreach (var (concurrency, direct, gateway) in rows)
            Console.WriteLine(string.Create(Invariant,
                $"{concurrency,7} {Ratio(gateway.CallsPerSecond, direct.CallsPerSecond),22:F2} {Ratio(gateway.P50Ms, direct.P50Ms),7:F2} {Ratio(gateway.P99Ms, direct.P99Ms),7:F2}"));
        foreach (var (concurrency, direct, gateway) in rows)
            foreach (var (name, r) in new[] { ("direct", direct), ("gateway", gateway) })
                foreach (var (code, count) in r.Errors.OrderBy(e => e.Key))
                    Console.WriteLine($"errors, {concurrency} callers {name}: {code} × {count} (first: {r.ErrorDetails.GetValueOrDefault(code)})");
    }

    private static double Ratio(double a, double b) => b > 0 ? a / b : double.NaN;
}
