using System.Diagnostics;
using Grpc.Core;
using Kyodo.Testing;

namespace Kyodo.Benchmarks.Common;

/// <summary>
/// Closed-loop callers: each loops its call until the window closes (or, for calls that use up
/// prepared data, until a shared count of calls is taken), timing every success. A call in flight
/// when the window closes finishes (its deadline bounds it). Errors are counted by status code; a
/// target that refuses at once (UNAVAILABLE, RESOURCE_EXHAUSTED) is not hammered in a busy spin.
/// </summary>
public static class CallLoad
{
    /// <summary>
    /// <paramref name="call"/>(caller, n, token) makes one call; caller is 0 … callers−1, n counts
    /// that caller's calls.
    /// </summary>
    public static async Task<LoadResult> ForAsync(int callers, TimeSpan duration, Func<int, int, CancellationToken, Task> call,
        CancellationToken stop)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stop);
        window.CancelAfter(duration);
        var started = Stopwatch.GetTimestamp();
        var cpu = ProcessCpu.Now();
        var tallies = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var tally = new CallerTally();
            for (var n = 0; !window.IsCancellationRequested; n++) await tally.TimeAsync(() => call(caller, n, stop), stop);
            return tally;
        }, CancellationToken.None)));
        return LoadResult.From(tallies, Stopwatch.GetElapsedTime(started), ProcessCpu.Now() - cpu);
    }

    /// <summary>Exactly <paramref name="total"/> calls shared by the callers; <paramref name="call"/>(i, token) makes call i.</summary>
    public static async Task<LoadResult> CountAsync(int callers, int total, Func<int, CancellationToken, Task> call, CancellationToken stop)
    {
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var cpu = ProcessCpu.Now();
        var tallies = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            var tally = new CallerTally();
            for (var i = Interlocked.Increment(ref next); i < total; i = Interlocked.Increment(ref next))
                await tally.TimeAsync(() => call(i, stop), stop);
            return tally;
        }, CancellationToken.None)));
        return LoadResult.From(tallies, Stopwatch.GetElapsedTime(started), ProcessCpu.Now() - cpu);
    }
}

/// <summary>One caller's successes (their latencies) and errors by status code.</summary>
public sealed class CallerTally
{
    public List<double> LatenciesMs { get; } = new(capacity: 8192);
    public Dictionary<StatusCode, int> Errors { get; } = [];
    public Dictionary<StatusCode, string> FirstErrorDetail { get; } = [];

    public async Task TimeAsync(Func<Task> call, CancellationToken stop)
    {
        var began = Stopwatch.GetTimestamp();
        try
        {
            await call();
            LatenciesMs.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        }
        catch (RpcException e) when (!stop.IsCancellationRequested)
        {
            Errors[e.StatusCode] = Errors.GetValueOrDefault(e.StatusCode) + 1;
            FirstErrorDetail.TryAdd(e.StatusCode, e.Status.Detail);
            if (e.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted) await Task.Delay(50, CancellationToken.None);
        }
    }
}

/// <summary>
/// What one run measured: successful calls and their latency percentiles (nearest rank), errors by
/// status code, the wall time from the first call to the last answer, the CPU time this process used
/// meanwhile, and the load average at its end.
/// </summary>
public sealed record LoadResult(int Calls, IReadOnlyDictionary<StatusCode, int> Errors,
    IReadOnlyDictionary<StatusCode, string> ErrorDetails,
    TimeSpan Elapsed, double P50Ms, double P99Ms, string LoadAverage, TimeSpan ProcessCpu)
{
    public int ErrorCount => Errors.Values.Sum();
    public double CallsPerSecond => Elapsed > TimeSpan.Zero ? Calls / Elapsed.TotalSeconds : 0;

    /// <summary>
    /// Microseconds of this process's CPU (user and system, every thread) per successful call: the callers,
    /// the gateway and the services hosted here together, PostgreSQL's and RabbitMQ's own work not included.
    /// Unlike calls per second it hardly moves with what else the machine runs, so it compares runs made
    /// at different loads.
    /// </summary>
    public double CpuMicrosecondsPerCall => Calls > 0 ? ProcessCpu.TotalMicroseconds / Calls : double.NaN;

    public static LoadResult From(IReadOnlyList<CallerTally> callers, TimeSpan elapsed, TimeSpan processCpu)
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
        return new LoadResult(latencies.Length, errors, details, elapsed, Percentiles.At(latencies, 0.50), Percentiles.At(latencies, 0.99),
            MachineLoad.Now(), processCpu);
    }
}

/// <summary>The CPU time this process has used so far, user and system, every thread.</summary>
public static class ProcessCpu
{
    public static TimeSpan Now()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>
    /// Waits until this process uses less than <paramref name="quietMsPerSecond"/> of CPU a second, three seconds
    /// running, or <paramref name="atMost"/> has passed; returns how long it waited and the last second's CPU.
    /// After a setup through the services, their consumers and outbox relays go on working for a while (one run:
    /// 748, 393, 187, then 27 ms of CPU a second, over 35 s): a run started then pays for that too.
    /// </summary>
    public static async Task<(TimeSpan Waited, double LastMsPerSecond)> WaitUntilSettledAsync(double quietMsPerSecond, TimeSpan atMost,
        CancellationToken ct)
    {
        var began = Stopwatch.GetTimestamp();
        var quietSeconds = 0;
        var last = double.NaN;
        while (quietSeconds < 3 && Stopwatch.GetElapsedTime(began) < atMost)
        {
            var from = Now();
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            last = (Now() - from).TotalMilliseconds;
            quietSeconds = last < quietMsPerSecond ? quietSeconds + 1 : 0;
        }
        return (Stopwatch.GetElapsedTime(began), last);
    }
}

/// <summary>Nearest-rank percentiles of milliseconds.</summary>
public static class Percentiles
{
    public static (double P50, double P99, double Max) Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return (At(sorted, 0.50), At(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    public static double At(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
