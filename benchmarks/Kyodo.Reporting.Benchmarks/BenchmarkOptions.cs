namespace Kyodo.Reporting.Benchmarks;

/// <summary>
/// The command line: <c>--items 2000 --years 5 --applications 500 --writers 16 --summary-calls 100</c>.
/// Smaller numbers make a quick smoke run; the README's figures use the defaults.
/// </summary>
public sealed record BenchmarkOptions(int Items, int Years, int Applications, int Writers, int SummaryCalls)
{
    public const string Usage =
        "usage: Kyodo.Reporting.Benchmarks [--items 2000] [--years 5] [--applications 500] [--writers 16] [--summary-calls 100]";

    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["items"] = 2000, ["years"] = 5, ["applications"] = 500, ["writers"] = 16, ["summary-calls"] = 100,
        };
        var limits = new Dictionary<string, int>
        {
            ["items"] = 100_000, ["years"] = 10, ["applications"] = 10_000, ["writers"] = 256,
            ["summary-calls"] = 100_000
        };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if (!values.ContainsKey(name) || i + 1 >= args.Length)
                throw new ArgumentException($"unknown or incomplete argument '{args[i]}'");
            var text = args[++i];
            values[name] = int.TryParse(text, out var n) && n >= 1 && n <= limits[name]
                ? n : throw new ArgumentException($"--{name} must be a whole number from 1 to {limits[name]}, not '{text}'");
        }
        return new BenchmarkOptions(values["items"], values["years"], values["applications"], values["writers"], values["summary-calls"]);
    }
}
