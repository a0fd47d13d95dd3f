using System.Globalization;
using System.Runtime.InteropServices;

namespace Kyodo.Budget.Benchmarks;

/// <summary>The printed report: machine and settings first, then one row per run and the gateway/direct ratios.</summary>
public static class ResultTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void PrintHeader(BenchmarkOptions options)
    {
        Console.WriteLine($"Kyodo budget Reserve benchmark, {DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", Invariant)}");
        Console.WriteLine($"machine:  {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}");
        Console.WriteLine($"runtime:  {RuntimeInformation.FrameworkDescription}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        Console.WriteLine($"settings: gateway {options.Gateway}, budget {options.Budget}, {options.Callers} callers, {options.Seconds} s per run after a {options.WarmupSeconds} s warm-up");
        Console.WriteLine($"          Reserve 1 yen per call, fresh idempotency key per call; caller i uses line i mod lines");
        Console.WriteLine();
    }

    public static void Print(IReadOnlyList<Scenario> scenarios)
    {
        Console.WriteLine($"{"scenario",-22} {"calls",8} {"errors",7} {"calls/s",9} {"p50 ms",8} {"p99 ms",8}");
        foreach (var s in scenarios)
        {
            var r = s.Result!;
            Console.WriteLine(string.Create(Invariant,
                $"{s.Name,-22} {r.Calls,8} {r.ErrorCount,7} {r.CallsPerSecond,9:F1} {r.P50Ms,8:F2} {r.P99Ms,8:F2}"));
        }
        Console.WriteLine();
        foreach (var group in scenarios.GroupBy(s => s.Lines))
        {
            var gateway = group.Single(s => s.ViaGateway).Result!;
            var direct = group.Single(s => !s.ViaGateway).Result!;
            var ratio = direct.CallsPerSecond > 0 ? gateway.CallsPerSecond / direct.CallsPerSecond : double.NaN;
            Console.WriteLine(string.Create(Invariant,
                $"gateway/direct throughput, {Scenario.LinesLabel(group.Key)}: {ratio:F2}  (gateway − direct: p50 {gateway.P50Ms - direct.P50Ms:+0.00;-0.00} ms, p99 {gateway.P99Ms - direct.P99Ms:+0.00;-0.00} ms)"));
        }
        foreach (var s in scenarios.Where(s => s.Result!.ErrorCount > 0))
            foreach (var (code, count) in s.Result!.Errors.OrderBy(e => e.Key))
                Console.WriteLine($"errors, {s.Name}: {code} × {count} (first: {s.Result.ErrorDetails.GetValueOrDefault(code)})");
    }
}
