using System.Collections.Concurrent;
using Grpc.Core;
using Kyodo.Benchmarks.Common;
using Kyodo.Budget.V1;

namespace Kyodo.Calls.Benchmarks;

/// <summary>
/// The correctness check: every successful Reserve reserved exactly 1 yen on the benchmark's 100 lines,
/// every successful Award exactly <see cref="CallsData.AwardYen"/> on the grant's line (warm-ups included),
/// so the money the lines hold reserved must equal what the successful calls reserved. A call that
/// failed without an answer from the service that ran it (its deadline passed: DEADLINE_EXCEEDED, or
/// an award's UNAVAILABLE because subsidy stopped waiting for budget) may have reserved all the same;
/// more money than the successes is reported as such and counted against those calls, never hidden.
/// </summary>
public static class CallsCheck
{
    private static readonly ConcurrentDictionary<string, long> Successes = new();
    private static readonly ConcurrentDictionary<string, long> Unanswered = new();

    public static void Count(string key, LoadResult result)
    {
        Successes.AddOrUpdate(key, result.Calls, (_, n) => n + result.Calls);
        var unanswered = result.Errors.Where(e => e.Key is StatusCode.DeadlineExceeded or StatusCode.Unavailable or StatusCode.Cancelled)
            .Sum(e => e.Value);
        Unanswered.AddOrUpdate(key, unanswered, (_, n) => n + unanswered);
    }

    public static async Task<bool> RunAsync(CallTarget direct, Metadata headers, CallsData data, IReadOnlyList<ScenarioReport> reports,
        CancellationToken ct)
    {
        var ok = true;
        if (reports.Any(r => r.Scenario.Key.StartsWith("reserve", StringComparison.Ordinal)))
        {
            var calls = Successes.GetValueOrDefault("reserve-1") + Successes.GetValueOrDefault("reserve-100");
            var unanswered = Unanswered.GetValueOrDefault("reserve-1") + Unanswered.GetValueOrDefault("reserve-100");
            var reserved = 0L;
            foreach (var id in data.LineIds) reserved += await ReservedAsync(direct, headers, id, ct);
            ok &= Say("Reserve", calls, unanswered, reserved, 1);
        }
        if (reports.Any(r => r.Scenario.Key == "award"))
        {
            var calls = Successes.GetValueOrDefault("award");
            ok &= Say("Award", calls, Unanswered.GetValueOrDefault("award"), await ReservedAsync(direct, headers, data.GrantLineId, ct),
                CallsData.AwardYen);
        }
        return ok;
    }

    private static async Task<long> ReservedAsync(CallTarget direct, Metadata headers, string lineId, CancellationToken ct) =>
        (await direct.Budget.GetBudgetLineAsync(new GetBudgetLineRequest { Id = lineId },
            new CallOptions(headers, DateTime.UtcNow.AddSeconds(15), ct))).Line.ReservedYen;

    private static bool Say(string call, long calls, long unanswered, long reserved, long yenPerCall)
    {
        var expected = calls * yenPerCall;
        var extra = reserved - expected;
        var explained = extra > 0 && extra % yenPerCall == 0 && extra / yenPerCall <= unanswered;
        var verdict = extra == 0 ? "(equal)"
            : explained ? $"(DIFFERENT: {extra / yenPerCall} of the {unanswered} calls that failed unanswered reserved all the same)"
            : "(DIFFERENT: not explained by unanswered calls)";
        Console.WriteLine($"check: {calls} successful {call} calls (warm-ups included) should have reserved {expected:N0} yen; the lines "
            + $"hold {reserved:N0} yen reserved {verdict}");
        return extra == 0 || explained;
    }
}
