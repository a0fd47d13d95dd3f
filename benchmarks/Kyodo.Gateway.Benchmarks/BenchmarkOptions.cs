namespace Kyodo.Gateway.Benchmarks;

/// <summary>
/// The command line: <c>--gateway URL --plan URL --seconds N --rounds N</c>, each also readable
/// from an environment variable (KYODO_BENCH_GATEWAY, _PLAN, _SECONDS, _ROUNDS). Only loopback
/// addresses are accepted: the benchmark writes a plan and floods the target.
/// </summary>
public sealed record BenchmarkOptions(Uri Gateway, Uri Plan, int Seconds, int Rounds, int WarmupSeconds, IReadOnlyList<int> Concurrency)
{
    public const string Usage =
        "usage: Kyodo.Gateway.Benchmarks [--gateway http://localhost:5080] [--plan http://localhost:5101] [--seconds 5] [--rounds 2]\n" +
        "  tokens are minted from Auth__Issuer, Auth__Audience, Auth__SigningKey (as ./dev exports them)";

    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["gateway"] = Environment.GetEnvironmentVariable("KYODO_BENCH_GATEWAY") ?? "http://localhost:5080",
            ["plan"] = Environment.GetEnvironmentVariable("KYODO_BENCH_PLAN") ?? "http://localhost:5101",
            ["seconds"] = Environment.GetEnvironmentVariable("KYODO_BENCH_SECONDS") ?? "5",
            ["rounds"] = Environment.GetEnvironmentVariable("KYODO_BENCH_ROUNDS") ?? "2",
        };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if (!values.ContainsKey(name) || i + 1 >= args.Length) throw new ArgumentException($"unknown or incomplete argument '{args[i]}'");
            values[name] = args[++i];
        }
        return new BenchmarkOptions(
            Loopback(values["gateway"], "gateway"),
            Loopback(values["plan"], "plan"),
            Positive(values["seconds"], "seconds", 3600),
            Positive(values["rounds"], "rounds", 100),
            WarmupSeconds: 2,
            Concurrency: [1, 16, 64]);
    }

    private static Uri Loopback(string text, string name)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--{name} must be an http(s) URL, not '{text}'");
        if (!uri.IsLoopback) throw new ArgumentException($"--{name} must be a loopback address (localhost, 127.0.0.1), not '{uri.Host}'");
        return uri;
    }

    private static int Positive(string text, string name, int max) =>
        int.TryParse(text, out var n) && n >= 1 && n <= max ? n : throw new ArgumentException($"--{name} must be a whole number from 1 to {max}, not '{text}'");
}
