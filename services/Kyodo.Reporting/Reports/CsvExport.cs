using System.Globalization;
using System.Text;
using Kyodo.Reporting.V1;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// A report as CSV: UTF-8 with a byte-order mark (so Excel shows Japanese), each table under
/// its name, separated by a blank line. 千円 columns are rounded half up, as their header says.
/// Text is neutralised as OWASP's CSV-injection guidance says: a text cell that begins with
/// = + - @ tab or carriage return (a formula to Excel, even inside quotes) gets a leading
/// apostrophe and is quoted; numbers are written from the report's numbers, never neutralised.
/// </summary>
internal static class CsvExport
{
    public static byte[] Write(Report report)
    {
        var csv = new StringBuilder();
        csv.AppendLine(Text(report.Title)).AppendLine(Text($"as of {report.AsOf?.ToDateTimeOffset():O}"));
        foreach (var table in report.Tables)
        {
            csv.AppendLine().AppendLine(Text(table.Name));
            csv.AppendLine(string.Join(",", table.Columns.Select(c => Text(Header(c)))));
            foreach (var row in table.Rows)
                csv.AppendLine(string.Join(",", row.Cells.Select((cell, i) => cell.ValueCase == Cell.ValueOneofCase.Text
                    ? Text(cell.Text)
                    : Field(Value(cell, table.Columns[i].Kind)))));
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static string Header(Column column) => column.Kind switch
    {
        ColumnKind.ThousandYen => $"{column.Name}（千円・四捨五入）",
        ColumnKind.Yen => $"{column.Name}（円）",
        _ => column.Name,
    };

    private static string Value(Cell cell, ColumnKind kind) => cell.ValueCase switch
    {
        Cell.ValueOneofCase.Integer when kind == ColumnKind.ThousandYen =>
            Math.Round(cell.Integer / 1000m, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture),
        Cell.ValueOneofCase.Integer => cell.Integer.ToString(CultureInfo.InvariantCulture),
        Cell.ValueOneofCase.Number when kind == ColumnKind.Percent =>
            (cell.Number * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%",
        Cell.ValueOneofCase.Number => cell.Number.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>A text cell: neutralised when a spreadsheet would read it as a formula, then quoted as needed.</summary>
    public static string Text(string value) =>
        value.Length > 0 && FormulaStart.Contains(value[0]) ? Quoted("'" + value) : Field(value);

    // What starts a formula in Excel, LibreOffice and Google Sheets (OWASP, CSV injection).
    private const string FormulaStart = "=+-@\t\r";

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? Quoted(value) : value;

    private static string Quoted(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";
}
