namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// <c>national [--municipalities 1741] [--postgres "Host=…;Port=…;Username=…;Password=…"] [--database kyodo_national] [--keep]
/// [--rate 500] [--live-warmup 5000] [--live-events 15000] [--backlog 20000] [--summary-calls 200] [--rollup-calls 20]
/// [--consumer-concurrency N]</c>.
/// Without --postgres the local test servers' PostgreSQL. --live-events 0 or --backlog 0 skips that phase. --keep leaves the loaded
/// database for the
/// next run, which reuses it when it holds the same country (loading takes minutes).
/// </summary>
/// <param name="LiveWarmup">Events published at the rate before the measured live events, at least (not counted in its figures): the
/// warm-up goes on until the reporting process's JIT is quiet (NationalBenchmark).</param>
/// <param name="ConsumerConcurrency">Messaging:ConsumerConcurrency for the reporting process; null keeps the service's own setting.</param>
public sealed record NationalOptions(int Municipalities, string? Postgres, string Database, bool Keep, double Rate, int LiveEvents,
    int Backlog, int SummaryCalls, int RollupCalls, int? ConsumerConcurrency = null, int LiveWarmup = 5_000)
{
    public const string Usage =
        "usage: Kyodo.Reporting.Benchmarks national [--municipalities 1741] [--postgres CONNECTION] [--database kyodo_national] [--keep] " +
                                "[--rate 500] [--live-warmup 5000] [--live-events 15000] [--backlog 20000] [--summary-calls 200] "
                                + "[--rollup-calls 20] [--consumer-concurrency N]";

    public static NationalOptions Parse(string[] args)
    {
        var numbers = new Dictionary<string, int>
        {
            ["municipalities"] = Country.Total, ["rate"] = 500, ["live-warmup"] = 5_000, ["live-events"] = 15_000, ["backlog"] = 20_000,
            ["summary-calls"] = 200,
            ["rollup-calls"] = 20,
            ["consumer-concurrency"] = 0,
        };
        string? postgres = null;
        var (database, keep) = ("kyodo_national", false);
        for (var i = 0; i < args.Length; i++)
        {
            var name =
                args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : throw new ArgumentException($"unexpected '{args[i]}'");
            if (name == "keep") { keep = true; continue; }
            if (i + 1 >= args.Length) throw new ArgumentException($"--{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "postgres": postgres = value; break;
                case "database" when value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'):
                    database =
                    value; break;
                case "database": throw new ArgumentException("--database must be lower-case letters, digits and _");
                // 0 skips the warm-up, or the phase (the reports alone, e.g. while tuning their queries)
                case "live-warmup" or "live-events" or "backlog":
                    numbers[name] = int.TryParse(value, out var events) && events >= 0 ? events
                        : throw new ArgumentException($"--{name} must be a whole number, 0 or more, not '{value}'");
                    break;
                case var known when numbers.ContainsKey(known):
                    numbers[known] = int.TryParse(value, out var n) && n >= 1 ? n
                        : throw new ArgumentException($"--{name} must be a whole number above 0, not '{value}'");
                    break;
                default: throw new ArgumentException($"unknown argument --{name}");
            }
        }
        if (numbers["municipalities"] > Country.Total) throw new ArgumentException($"--municipalities is at most {Country.Total}");
        return new NationalOptions(numbers["municipalities"], postgres, database, keep, numbers["rate"], numbers["live-events"],
            numbers["backlog"],
            numbers["summary-calls"], numbers["rollup-calls"], numbers["consumer-concurrency"] is > 0 and var c ? c : null,
            numbers["live-warmup"]);
    }
}
