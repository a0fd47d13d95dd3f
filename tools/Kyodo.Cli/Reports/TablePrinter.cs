using System.Globalization;
using System.Text;
using Kyodo.Reporting.V1;

namespace Kyodo.Cli.Reports;

/// <summary>
/// A report as aligned text for a terminal: numbers right-aligned with thousands separators,
/// yen as yen, 千円 columns in thousands rounded half up (as the documents print 事業費), ratios
/// as percentages. Japanese characters take two columns, so widths count display cells.
/// </summary>
internal static class TablePrinter
{
    public static void Print(Report report, TextWriter output)
    {
        output.WriteLine(report.Title);
        // A report across municipalities names the ones it covers instead of one.
        var scope = report.MunicipalityCode.Length > 0 || report.MunicipalityCodes.Count == 0 ? $"municipality {report.MunicipalityCode}"
            : report.MunicipalityCodes.Count <= 5 ? $"municipalities {string.Join(", ", report.MunicipalityCodes)}"
            : $"{report.MunicipalityCodes.Count} municipalities ({report.MunicipalityCodes[0]} … {report.MunicipalityCodes[^1]})";
        var asOf = report.AsOf is null ? "(no events yet)"
            : report.AsOf.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        output.WriteLine($"{scope}, as of {asOf}");
        foreach (var table in report.Tables)
        {
            output.WriteLine();
            output.WriteLine($"[{table.Name}]");
            var rows = table.Rows.Select(r => table.Columns.Select((c, i) => i < r.Cells.Count ? Format(r.Cells[i], c.Kind) : "").ToArray())
                .ToList();
            var widths =
                table.Columns.Select((c, i) => Math.Max(Width(c.Name), rows.Select(r => Width(r[i])).DefaultIfEmpty(0).Max())).ToArray();
            var rightAligned = table.Columns.Select(c => c.Kind is not (ColumnKind.Text or ColumnKind.Unspecified)).ToArray();
            output.WriteLine(Line(table.Columns.Select(c => c.Name).ToArray(), widths, rightAligned).TrimEnd());
            output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            foreach (var row in rows) output.WriteLine(Line(row, widths, rightAligned).TrimEnd());
        }
    }

    private static string Line(string[] cells, int[] widths, bool[] right)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) line.Append("  ");
            var pad = new string(' ', widths[i] - Width(cells[i]));
            line.Append(right[i] ? pad + cells[i] : cells[i] + pad);
        }
        return line.ToString();
    }

    public static string Format(Cell cell, ColumnKind kind) => cell.ValueCase switch
    {
        Cell.ValueOneofCase.Text => cell.Text.ReplaceLineEndings(" "),
        Cell.ValueOneofCase.Integer => kind switch
        {
            ColumnKind.ThousandYen => ThousandsHalfUp(cell.Integer).ToString("N0", CultureInfo.InvariantCulture),
            ColumnKind.Percent => (cell.Integer * 100).ToString("N0", CultureInfo.InvariantCulture) + "%",
            _ => cell.Integer.ToString("N0", CultureInfo.InvariantCulture),
        },
        Cell.ValueOneofCase.Number => kind switch
        {
            ColumnKind.Percent => (cell.Number * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%",
            _ => cell.Number.ToString("#,0.###", CultureInfo.InvariantCulture),
        },
        _ => "",
    };

    private static long ThousandsHalfUp(long yen) => (long)Math.Round(yen / 1000m, MidpointRounding.AwayFromZero);

    /// <summary>Display cells: East Asian wide and full-width characters take two.</summary>
    public static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes()) width += IsWide(rune.Value) ? 2 : 1;
        return width;
    }

    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFD
            || c is 0x2160 or (>= 0x2160 and <= 0x217F) or (>= 0x2460 and <= 0x24FF) or (>= 0x25A0 and <= 0x25FF);
}
