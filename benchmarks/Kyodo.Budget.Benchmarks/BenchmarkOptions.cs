namespace Kyodo.Budget.Benchmarks;

/// <summary>
/// The command line: <c>--gateway URL --budget URL --seconds N --callers N</c>, each also
/// readable from an environment variable (KYODO_BENCH_GATEWAY, _BUDGET, _SECONDS, _CALLERS).
/// Only loopback addresses are accepted: the benchmark writes data and floods the target.
/// </summary>
public sealed record BenchmarkOptions(Uri Gateway, Uri Budget, int Seconds, int Callers, int WarmupSeconds, int Lines)
{
    public const string Usage =
        "usage: Kyodo.Budget.Benchmarks [--gateway http://localhost:5080] [--budget http://localhost:5111] [--seconds 10] [--callers 32]";

    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["gateway"] = Environment.GetEnvironmentVariable("KYODO_BENCH_GATEWAY") ?? "http://localhost:5080",
            ["budget"] = Environment.GetEnvironmentVariable("KYODO_BENCH_BUDGET") ?? "http://localhost:5111",
            ["seconds"] = Environment.GetEnvironmentVariable("KYODO_BENCH_SECONDS") ?? "10",
            ["callers"] = Environment.GetEnvironmentVariable("KYODO_BENCH_CALLERS") ?? "32",
        };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if (!values.ContainsKey(name) || i + 1 >= args.Length) throw new ArgumentException($"unknown or incomplete argument '{args[i]}'");
            values[name] = args[++i];
        }
        return new BenchmarkOptions(
            Loopback(values["gateway"], "gateway"),
            Loopback(values["budget"], "budget"),
            Positive(values["seconds"], "seconds", 3600),
            Positive(values["callers"], "callers", 1024),
            WarmupSeconds: 2,
            Lines: 100);
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
