using Kyodo.Cli.Connection;
using Kyodo.Cli.Print;
using Kyodo.Japanese;
using Kyodo.Printing;

namespace Kyodo.Cli.Commands;

/// <summary>
/// <c>kyodo print evaluation-sheet --municipality CODE --item NAME|ID --fiscal-year Y [--paper a4|a3] [--out FILE]</c>:
/// the 事務事業評価シート of one item and year as a PDF, from what the plan and budget services hold
/// (the item, its evaluation, budget lines and their 繰越・流用・予備費充用, staff time and unit costs).
/// </summary>
internal static class PrintCommand
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
    {
        var line = CommandLine.Parse(args);
        if (line.Positional is not ["evaluation-sheet"])
            throw new UsageException("print what? `kyodo print evaluation-sheet --municipality CODE --item NAME|ID --fiscal-year Y`");
        var code = line.Option("municipality") ?? throw new UsageException("print needs --municipality CODE");
        var itemName = line.Option("item") ?? throw new UsageException("print needs --item NAME or id");
        var yearText = line.Option("fiscal-year") ?? throw new UsageException("print needs --fiscal-year (2019, R1, 令和元年度 …)");
        if (!FiscalYearText.TryParse(yearText, out var year, out var error)) throw new UsageException($"--fiscal-year: {error.English}");
        var paper = (line.Option("paper") ?? "a4").ToLowerInvariant() switch
        {
            "a4" => Paper.A4,
            "a3" => Paper.A3,
            var other => throw new UsageException($"--paper must be a4 or a3, not '{other}'"),
        };
        var outPath = line.Option("out");
        using var gateway = Gateway.Open(line, console);
        line.RejectUnused();

        var sheet = await new EvaluationSheetReader(gateway.Invoker, ct).ReadAsync(code, itemName, year);
        var pdf = PdfRenderer.Render(EvaluationSheetLayout.Build(sheet, paper));
        var path = outPath ?? $"evaluation-sheet-{code}-{year}.pdf";
        await File.WriteAllBytesAsync(path, pdf, ct);
        console.Out.WriteLine($"saved {path}");
        return ExitCodes.Ok;
    }
}
