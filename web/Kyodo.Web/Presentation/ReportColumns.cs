using Kyodo.Reporting.V1;

namespace Kyodo.Web.Presentation;

/// <summary>Reads a report table by column name, for charts and for pages that pick out a figure.</summary>
public static class ReportColumns
{
    public static int IndexOf(this Table table, string name)
    {
        for (var i = 0; i < table.Columns.Count; i++) if (table.Columns[i].Name == name) return i;
        return -1;
    }

    public static IEnumerable<int> IndexesWhere(this Table table, Func<Column, bool> predicate) =>
        table.Columns.Select((c, i) => (c, i)).Where(x => predicate(x.c)).Select(x => x.i);

    public static Cell? CellAt(this Row row, int index) => index >= 0 && index < row.Cells.Count ? row.Cells[index] : null;

    public static string TextAt(this Row row, int index) =>
        row.CellAt(index) is { ValueCase: Cell.ValueOneofCase.Text } cell ? cell.Text : "";

    /// <summary>The cell as a number for a chart (千円 columns in thousands, like the table beside it); blank is null.</summary>
    public static double? ValueAt(this Row row, int index, ColumnKind kind)
    {
        var cell = row.CellAt(index);
        return cell?.ValueCase switch
        {
            Cell.ValueOneofCase.Integer when kind == ColumnKind.ThousandYen => CellText.ThousandYen(cell.Integer),
            Cell.ValueOneofCase.Integer => cell.Integer,
            Cell.ValueOneofCase.Number => cell.Number,
            _ => null,
        };
    }

    public static Table? Named(this Report report, string name) => report.Tables.FirstOrDefault(t => t.Name == name);
}
