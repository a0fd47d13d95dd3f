using System.Globalization;
using Kyodo.Reporting.V1;

namespace Kyodo.Web.Presentation;

/// <summary>
/// A report cell as the pages print it, by its column's kind: 千円 columns in thousands rounded
/// half up (as the documents print 事業費, and as the exports and the kyodo command round), yen
/// with separators, ratios as percentages; the unit goes in the column header (<see cref="Header"/>),
/// and each table states its rounding (<see cref="RoundingNote"/>).
/// </summary>
public static class CellText
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");

    public static string Format(Cell? cell, ColumnKind kind)
    {
        if (cell is null) return "";
        return cell.ValueCase switch
        {
            Cell.ValueOneofCase.Text => cell.Text,
            Cell.ValueOneofCase.Integer when kind == ColumnKind.ThousandYen => ThousandYen(cell.Integer).ToString("N0", Japanese),
            Cell.ValueOneofCase.Integer when kind == ColumnKind.Percent => (cell.Integer * 100).ToString("N0", Japanese) + "%",
            Cell.ValueOneofCase.Integer => cell.Integer.ToString("N0", Japanese),
            Cell.ValueOneofCase.Number when kind == ColumnKind.Percent => (cell.Number * 100).ToString("0.0", Japanese) + "%",
            Cell.ValueOneofCase.Number => cell.Number.ToString("#,0.###", Japanese),
            _ => "",
        };
    }

    /// <summary>Thousands of yen, half rounded away from zero (四捨五入).</summary>
    public static long ThousandYen(long yen) => (long)Math.Round(yen / 1000m, MidpointRounding.AwayFromZero);

    /// <summary>The column's name with its unit: 事業費（千円）, 交付決定額（円）.</summary>
    public static string Header(Column column) => column.Kind switch
    {
        ColumnKind.ThousandYen => column.Name + "（千円）",
        ColumnKind.Yen => column.Name + "（円）",
        _ => column.Name,
    };

    public static bool IsNumeric(ColumnKind kind) => kind is not (ColumnKind.Text or ColumnKind.Unspecified);

    /// <summary>How the table's amounts are given, or null when it has none.</summary>
    public static string? RoundingNote(Table table)
    {
        var kinds = table.Columns.Select(c => c.Kind).ToHashSet();
        var notes = new List<string>();
        if (kinds.Contains(ColumnKind.ThousandYen)) notes.Add("千円の列は千円未満を四捨五入");
        if (kinds.Contains(ColumnKind.Yen)) notes.Add("円の列は円単位");
        if (kinds.Contains(ColumnKind.Percent)) notes.Add("率は小数第1位まで");
        return notes.Count == 0 ? null : "金額：" + string.Join("、", notes);
    }

    /// <summary>"2026年12月1日 22:18（日本時間）", or a note that nothing has arrived yet.</summary>
    public static string AsOf(Google.Protobuf.WellKnownTypes.Timestamp? asOf) => asOf is null
        ? "まだデータがありません"
        : asOf.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(9)).ToString("yyyy年M月d日 HH:mm", Japanese) + "（日本時間）時点";
}
