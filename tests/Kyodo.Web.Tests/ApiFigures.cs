using System.Globalization;
using Kyodo.Reporting.V1;

namespace Kyodo.Web.Tests;

/// <summary>
/// A report cell of the API as the documents print it, to compare with a page: 千円 columns are
/// thousands rounded half up (DOMAIN.md: "Reports in 千円 state how they round"), counts and yen
/// whole numbers with separators, text as is.
/// </summary>
public static class ApiFigures
{
    public static string Printed(Cell cell, ColumnKind kind) => cell.ValueCase switch
    {
        Cell.ValueOneofCase.Text => cell.Text,
        Cell.ValueOneofCase.Integer when kind == ColumnKind.ThousandYen =>
            decimal.Round(cell.Integer / 1000m, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture),
        Cell.ValueOneofCase.Integer when kind != ColumnKind.Percent => cell.Integer.ToString("#,0", CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"{cell.ValueCase} of {kind}: not compared here"),
    };

    public static int Column(Table table, string name)
    {
        var index = table.Columns.Select(c => c.Name).ToList().IndexOf(name);
        return index >= 0 ? index : throw new InvalidOperationException($"no column {name} in {table.Name}");
    }
}
