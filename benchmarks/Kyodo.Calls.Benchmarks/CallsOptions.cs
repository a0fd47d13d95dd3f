namespace Kyodo.Calls.Benchmarks;

/// <summary>
/// The command line: <c>--seconds 5 --warmup 2 --warmup-max 60 --awards 300 --only get-plan,reserve-100 --quiet-logs</c>.
/// A warm-up lasts at least <c>--warmup</c> seconds and goes on until the JIT is quiet, for at most <c>--warmup-max</c>.
/// </summary>
public sealed record CallsOptions(int Seconds, int WarmupSeconds, int WarmupMaxSeconds, int Awards, IReadOnlySet<string> Only,
    bool QuietLogs)
{
    public const string Usage =
        "usage: Kyodo.Calls.Benchmarks [--seconds 5] [--warmup 2] [--warmup-max 60] [--awards 300] [--only KEY,KEY] [--quiet-logs]\n" +
        "  keys: " + "get-plan, list-items, reserve-1, reserve-100, upsert-sheet, create-item, award";

    public bool Runs(string key) => Only.Count == 0 || Only.Contains(key);

    public static CallsOptions Parse(string[] args)
    {
        int seconds = 5, warmup = 2, warmupMax = 60, awards = 300;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var quiet = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds": seconds = Number(args, ++i, "seconds", 600); break;
                case "--warmup": warmup = Number(args, ++i, "warmup", 600); break;
                case "--warmup-max": warmupMax = Number(args, ++i, "warmup-max", 600); break;
                case "--awards": awards = Number(args, ++i, "awards", 10_000); break;
                case "--only":
                    if (i + 1 >= args.Length) throw new ArgumentException("--only needs a list of keys");
                    only.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--quiet-logs": quiet = true; break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        var unknown = only.Except(CallScenarios.Keys, StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"--only: unknown key(s) {string.Join(", ", unknown)}");
        if (warmupMax < warmup) throw new ArgumentException("--warmup-max must not be less than --warmup");
        return new CallsOptions(seconds, warmup, warmupMax, awards, only, quiet);
    }

    private static int Number(string[] args, int i, string name, int max) =>
        i < args.Length && int.TryParse(args[i], out var n) && n >= 1 && n <= max
            ? n : throw new ArgumentException($"--{name} must be a whole number from 1 to {max}");
}
