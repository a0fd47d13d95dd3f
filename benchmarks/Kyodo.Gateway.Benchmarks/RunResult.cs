using Grpc.Core;

namespace Kyodo.Gateway.Benchmarks;

/// <summary>
/// What one or more runs of one scenario measured: successful calls and their latency
/// percentiles (nearest rank), errors by status code, and the wall time the runs took.
/// </summary>
public sealed record RunResult(double[] SortedLatenciesMs, IReadOnlyDictionary<StatusCode, int> Errors,
    IReadOnlyDictionary<StatusCode, string> ErrorDetails, TimeSpan Elapsed)
{
    public int Calls => SortedLatenciesMs.Length;
    public int ErrorCount => Errors.Values.Sum();
    public double CallsPerSecond => Elapsed > TimeSpan.Zero ? Calls / Elapsed.TotalSeconds : 0;
    public double P50Ms => Percentile(0.50);
    public double P99Ms => Percentile(0.99);

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
        return new RunResult(latencies, errors, details, elapsed);
    }

    /// <summary>The rounds of one scenario as one result: all calls, summed time.</summary>
    public static RunResult Combine(IReadOnlyList<RunResult> rounds)
    {
        var latencies = rounds.SelectMany(r => r.SortedLatenciesMs).ToArray();
        Array.Sort(latencies);
        var errors = new Dictionary<StatusCode, int>();
        var details = new Dictionary<StatusCode, string>();
        foreach (var round in rounds)
        {
            foreach (var (code, count) in round.Errors) errors[code] = errors.GetValueOrDefault(code) + count;
            foreach (var (code, detail) in round.ErrorDetails) details.TryAdd(code, detail);
        }
        return new RunResult(latencies, errors, details, TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)));
    }

    private double Percentile(double p) =>
        Calls == 0 ? double.NaN : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(p * Calls) - 1, 0, Calls - 1)];
}
