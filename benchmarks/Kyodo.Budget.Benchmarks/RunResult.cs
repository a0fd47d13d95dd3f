using Grpc.Core;

namespace Kyodo.Budget.Benchmarks;

/// <summary>
/// What one run measured: successful calls and their latency percentiles (nearest rank),
/// errors by status code, and the wall time from the first call to the last answer.
/// </summary>
public sealed record RunResult(int Calls, IReadOnlyDictionary<StatusCode, int> Errors, IReadOnlyDictionary<StatusCode, string> ErrorDetails,
    TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public int ErrorCount => Errors.Values.Sum();
    public double CallsPerSecond => Elapsed > TimeSpan.Zero ? Calls / Elapsed.TotalSeconds : 0;

    public static RunResult From(IReadOnlyList<CallerTally> callers, TimeSpan elapsed)
    {
        var latencies = callers.SelectMany(c => c.LatenciesMs).ToArray();
        Array.Sort(latencies);
        var errors = new Dictionary<StatusCode, int>();
        var details = new Dictionary<StatusCode, string>();
        foreach (var caller in callers)
        {
            foreach (var (code, count) in caller.Errors) errors[code] = errors.GetValueOrDefault(code) + count;
            foreach (var (code, detail) in caller.FirstErrorDetail) details.TryAdd(code, detail);
        }
        return new RunResult(latencies.Length, errors, details, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
