using System.Globalization;
using Kyodo.Reporting.V1;

namespace Kyodo.EndToEnd.Tests;

/// <summary>A report's cells as the text the tests compare: a text as it is, a number in invariant culture, a blank as "".</summary>
internal static class ReportCells
{
    public static string Text(Cell cell) => cell.ValueCase switch
    {
        Cell.ValueOneofCase.Text => cell.Text,
        Cell.ValueOneofCase.Integer => cell.Integer.ToString(CultureInfo.InvariantCulture),
        Cell.ValueOneofCase.Number => cell.Number.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    public static string[] Texts(Row row) => row.Cells.Select(Text).ToArray();

    /// <summary>The cell of <paramref name="row"/> under the column named <paramref name="column"/>.</summary>
    public static string Text(Row row, Table table, string column) =>
        Text(row.Cells[
            table.Columns.Select(c => c.Name).ToList().IndexOf(column) is >= 0 and var i ? i : throw new KeyNotFoundException(column)]);

    /// <summary>The cells under <paramref name="columns"/> of the one row whose cell <paramref name="labelColumn"/> reads
    /// <paramref name="rowLabel"/>.</summary>
    public static string[] Cells(Table table, string rowLabel, string[] columns, int labelColumn = 0)
    {
        var row = table.Rows.Single(r => r.Cells[labelColumn].Text == rowLabel);
        return columns.Select(c => Text(row, table, c)).ToArray();
    }
}
