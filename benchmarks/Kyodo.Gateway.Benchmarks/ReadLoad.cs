using System.Diagnostics;
using Grpc.Core;
using Kyodo.Plan.V1;

namespace Kyodo.Gateway.Benchmarks;

/// <summary>
/// Callers that each loop GetPlan on one plan until the window closes, timing every call; caller
/// i sends token i. A call in flight when the window closes is allowed to finish.
/// </summary>
public static class ReadLoad
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(15);

    public static async Task<RunResult> RunAsync(PlanService.PlanServiceClient client, string planId, IReadOnlyList<string> tokens,
        int callers, TimeSpan duration, CancellationToken stop)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stop);
        window.CancelAfter(duration);
        var started = Stopwatch.GetTimestamp();
        var perCaller = await Task.WhenAll(Enumerable.Range(0, callers)
            .Select(i => Task.Run(() => CallerAsync(client, planId, tokens[i], window.Token, stop), CancellationToken.None)));
        return RunResult.From(perCaller, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<CallerTally> CallerAsync(PlanService.PlanServiceClient client, string planId, string token,
        CancellationToken window, CancellationToken stop)
    {
        var tally = new CallerTally();
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        var request = new GetPlanRequest { Id = planId };
        while (!window.IsCancellationRequested)
        {
            var began = Stopwatch.GetTimestamp();
            try
            {
                await client.GetPlanAsync(request, headers, deadline: DateTime.UtcNow + CallDeadline, cancellationToken: stop);
                tally.LatenciesMs.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            }
            catch (RpcException e) when (!stop.IsCancellationRequested)
            {
                tally.Error(e);
                // A target that refuses at once must not turn the loop into a busy spin.
                if (e.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted) await Task.Delay(50, CancellationToken.None);
            }
        }
        return tally;
    }
}

/// <summary>One caller's successes (their latencies) and errors by status code.</summary>
public sealed class CallerTally
{
    public List<double> LatenciesMs { get; } = new(capacity: 16384);
    public Dictionary<StatusCode, int> Errors { get; } = [];
    public Dictionary<StatusCode, string> FirstErrorDetail { get; } = [];

    public void Error(RpcException e)
    {
        Errors[e.StatusCode] = Errors.GetValueOrDefault(e.StatusCode) + 1;
        FirstErrorDetail.TryAdd(e.StatusCode, e.Status.Detail);
    }
}
