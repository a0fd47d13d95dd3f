using System.Diagnostics;
using System.Globalization;
using Kyodo.Benchmarks.Common;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>Calls timed one after another after a few warm-ups, and the machine's load while they ran.</summary>
public static class Timings
{
    public sealed record Result(string Name, int Calls, double P50, double P99, double Max, string LoadBefore, string LoadAfter)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Name}: p50 {P50:F1} ms, p99 {P99:F1} ms, max {Max:F1} ms over {Calls} calls (load average {LoadBefore} → {LoadAfter})");
    }

    public static async Task<Result> TimeAsync(string name, int calls, Func<Task> call, int warmups = 3)
    {
        for (var i = 0; i < warmups; i++) await call();
        var before = LoadAverage();
        var latencies = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var began = Stopwatch.GetTimestamp();
            await call();
            latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        }
        var (p50, p99, max) = Percentiles.Of(latencies);
        var result = new Result(name, calls, p50, p99, max, before, LoadAverage());
        Console.WriteLine($"  {result}");
        return result;
    }

    /// <summary>The 1-minute load average (of 2 cores here: above 2, work waited for a CPU).</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
