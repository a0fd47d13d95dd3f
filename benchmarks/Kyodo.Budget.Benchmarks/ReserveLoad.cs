using System.Diagnostics;
using Grpc.Core;
using Kyodo.Budget.V1;

namespace Kyodo.Budget.Benchmarks;

/// <summary>
/// Callers that each loop Reserve (1 yen, a fresh idempotency key per call) until the window
/// closes, timing every call. Caller i always uses line i mod (number of lines): with one line
/// every caller queues on its row lock; with at least as many lines as callers none shares one.
/// A call in flight when the window closes is allowed to finish (its deadline bounds it).
/// </summary>
public static class ReserveLoad
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(15);

    public static async Task<RunResult> RunAsync(BudgetService.BudgetServiceClient client, IReadOnlyList<string> lineIds, int callers,
        TimeSpan duration, CancellationToken stop)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stop);
        window.CancelAfter(duration);
        var started = Stopwatch.GetTimestamp();
        var perCaller = await Task.WhenAll(Enumerable.Range(0, callers)
            .Select(i => Task.Run(() => CallerAsync(client, lineIds[i % lineIds.Count], window.Token, stop), CancellationToken.None)));
        return RunResult.From(perCaller, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<CallerTally> CallerAsync(BudgetService.BudgetServiceClient client, string lineId, CancellationToken window, CancellationToken stop)
    {
        var tally = new CallerTally();
        while (!window.IsCancellationRequested)
        {
            var request = new ReserveRequest
            {
                IdempotencyKey = Guid.NewGuid().ToString("N"),
                BudgetLineId = lineId,
                AmountYen = 1,
                Purpose = "benchmark",
            };
            var began = Stopwatch.GetTimestamp();
            try
            {
                await client.ReserveAsync(request, deadline: DateTime.UtcNow + CallDeadline, cancellationToken: stop);
                tally.LatenciesMs.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            }
            catch (RpcException e) when (!stop.IsCancellationRequested)
            {
                tally.Error(e);
                // A target that refuses at once must not turn the loop into a busy spin.
                if (e.StatusCode == StatusCode.Unavailable) await Task.Delay(50, CancellationToken.None);
            }
        }
        return tally;
    }
}

/// <summary>One caller's successes (their latencies) and errors by status code.</summary>
public sealed class CallerTally
{
    public List<double> LatenciesMs { get; } = new(capacity: 4096);
    public Dictionary<StatusCode, int> Errors { get; } = [];
    public Dictionary<StatusCode, string> FirstErrorDetail { get; } = [];

    public void Error(RpcException e)
    {
        Errors[e.StatusCode] = Errors.GetValueOrDefault(e.StatusCode) + 1;
        FirstErrorDetail.TryAdd(e.StatusCode, e.Status.Detail);
    }
}
