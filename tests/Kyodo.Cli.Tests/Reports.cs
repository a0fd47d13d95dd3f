namespace Kyodo.Cli.Tests;

/// <summary>Reads a report the way a person does: from `kyodo report … ` printed as a table.</summary>
internal static class Reports
{
    /// <summary>
    /// The row whose first cell is <paramref name="first"/> as column → cell, once it satisfies
    /// <paramref name="ready"/> (reporting catches up with the events within seconds).
    /// </summary>
    public static async Task<Dictionary<string, string>> RowAsync(KyodoSystem system, string[] args, string first,
        Func<Dictionary<string, string>, bool> ready)
    {
        CliRun? run = null;
        Dictionary<string, string>? row = null;
        for (var attempt = 0; attempt < 120; attempt++)
        {
            run = await system.RunAsync(["report", .. args]);
            Assert.True(run.ExitCode == 0, run.ToString());
            row = Table(run.Out).FirstOrDefault(r => r.Values.FirstOrDefault() == first);
            if (row is not null && ready(row)) return row;
            await Task.Delay(250);
        }
        Assert.Fail($"no row '{first}' as expected in time:\n{run}");
        return row!;
    }

    /// <summary>The first table of printed output: header line, dashes, rows; cells are separated by two spaces or more.</summary>
    public static List<Dictionary<string, string>> Table(string printed)
    {
        var lines = printed.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var dashes = lines.FindIndex(l => l.StartsWith("--", StringComparison.Ordinal));
        if (dashes < 1) return [];
        var header = Cells(lines[dashes - 1]);
        return lines.Skip(dashes + 1).TakeWhile(l => l.Length > 0)
            .Select(l => header.Zip(Cells(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static string[] Cells(string line) =>
        System.Text.RegularExpressions.Regex.Split(line.Trim(), " {2,}");
}
