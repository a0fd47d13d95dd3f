using System.Collections.Concurrent;
using Grpc.Core;
using Kyodo.Budget.V1;

namespace Kyodo.Calls.Benchmarks;

/// <summary>
/// The correctness check: every successful Reserve reserved exactly 1 yen on the benchmark's 100 lines,
/// every successful Award exactly <see cref="CallsData.AwardYen"/> on the grant's line (warm-ups included),
/// so the money the lines hold reserved must equal what the successful calls reserved.
/// </summary>
public static class CallsCheck
{
    private static readonly ConcurrentDictionary<string, long> Successes = new();

    public static void Count(string key, int calls) => Successes.AddOrUpdate(key, calls, (_, n) => n + calls);

    public static async Task<bool> RunAsync(CallTarget direct, Metadata headers, CallsData data, IReadOnlyList<ScenarioReport> reports, CancellationToken ct)
    {
        var ok = true;
        if (reports.Any(r => r.Scenario.Key.StartsWith("reserve", StringComparison.Ordinal)))
        {
            var calls = Successes.GetValueOrDefault("reserve-1") + Successes.GetValueOrDefault("reserve-100");
            var reserved = 0L;
            foreach (var id in data.LineIds) reserved += await ReservedAsync(direct, headers, id, ct);
            ok &= Say("Reserve", calls, reserved, calls);
        }
        if (reports.Any(r => r.Scenario.Key == "award"))
        {
            var calls = Successes.GetValueOrDefault("award");
            ok &= Say("Award", calls, await ReservedAsync(direct, headers, data.GrantLineId, ct), calls * CallsData.AwardYen);
        }
        return ok;
    }

    private static async Task<long> ReservedAsync(CallTarget direct, Metadata headers, string lineId, CancellationToken ct) =>
        (await direct.Budget.GetBudgetLineAsync(new GetBudgetLineRequest { Id = lineId }, new CallOptions(headers, DateTime.UtcNow.AddSeconds(15), ct))).Line.ReservedYen;

    private static bool Say(string call, long calls, long reserved, long expected)
    {
        var equal = reserved == expected;
        Console.WriteLine($"check: {calls} successful {call} calls (warm-ups included) should have reserved {expected:N0} yen; the lines hold {reserved:N0} yen reserved " +
                          (equal ? "(equal)" : "(DIFFERENT)"));
        return equal;
    }
}
