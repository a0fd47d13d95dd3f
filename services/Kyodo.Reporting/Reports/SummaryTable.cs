using Kyodo.Reporting.V1;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// The department summary's table (and the area summary's, a municipality per row): the same
/// columns for every request of the same municipalities, one stage column per word of their
/// vocabulary (<see cref="StageVocabulary"/>, zero where no item has it), and a total row 合計.
/// </summary>
internal static class SummaryTable
{
    public const string Total = "合計";

    /// <summary>事業費 by funding source, then 人工, 人件費 and フルコスト (事業費 + 人件費): the money columns every summary and roll-up shows.</summary>
    public static readonly (string, ColumnKind)[] CostColumns =
    [
        ("事業費", ColumnKind.ThousandYen), ("国・県支出金", ColumnKind.ThousandYen), ("地方債", ColumnKind.ThousandYen),
        ("その他", ColumnKind.ThousandYen), ("一般財源", ColumnKind.ThousandYen),
        ("人工", ColumnKind.Number), ("人件費", ColumnKind.ThousandYen), ("フルコスト", ColumnKind.ThousandYen),
    ];

    /// <summary>The cells of <see cref="CostColumns"/>.</summary>
    public static Cell[] CostCells(UnitFigures f) =>
    [
        Integer(f.Cost), Integer(f.NationalPrefectural), Integer(f.LocalBond), Integer(f.Other), Integer(f.GeneralRevenue),
        Value(f.PersonYears), Integer(f.StaffCost), Integer(f.FullCost),
    ];

    /// <summary>
    /// Indicator achievement graded by approved actuals (the four 指標: columns partition the targets),
    /// then apart what is not official yet: 未承認の実績 (entered, not approved) and 報告期限超過 (a
    /// target with no approved actual past its plan's reporting deadline). Every summary and roll-up shows them.
    /// </summary>
    public static readonly (string, ColumnKind)[] AchievementColumns =
    [
        ("指標:達成", ColumnKind.Count), ("指標:順調", ColumnKind.Count), ("指標:遅れ", ColumnKind.Count), ("指標:実績なし", ColumnKind.Count),
        (PendingActuals.TableName, ColumnKind.Count), ("報告期限超過", ColumnKind.Count),
    ];

    /// <summary>The cells of <see cref="AchievementColumns"/>.</summary>
    public static Cell[] AchievementCells(UnitFigures f) =>
        [Integer(f.Achieved), Integer(f.OnTrack), Integer(f.Behind), Integer(f.NoData), Integer(f.Pending), Integer(f.Overdue)];

    public static Table Create(ReportBuilder report, string name, string unitColumn, IReadOnlyList<string> stages,
        params (string, ColumnKind)[] leading)
    {
        var columns = new List<(string, ColumnKind)> { (unitColumn, ColumnKind.Text) };
        columns.AddRange(leading);
        columns.Add(("事業数", ColumnKind.Count));
        columns.AddRange(stages.Select(s => ($"{s}（事業数）", ColumnKind.Count)));
        columns.AddRange(CostColumns);
        columns.AddRange([
            ("確保額（未執行）", ColumnKind.Yen), ("執行額", ColumnKind.Yen),
            ("補助金申請数", ColumnKind.Count), ("交付決定数", ColumnKind.Count), ("交付決定額", ColumnKind.Yen), ("確定額", ColumnKind.Yen),
        ]);
        columns.AddRange(AchievementColumns);
        return report.Table(name, columns.ToArray());
    }

    public static void Add(Table table, string unit, UnitFigures f, IReadOnlyList<string> stages, params Cell[] leading)
    {
        var cells = new List<Cell> { Text(unit) };
        cells.AddRange(leading);
        cells.Add(Integer(f.Items)); // one per item: a re-listed item counts once
        cells.AddRange(stages.Select(stage => Integer(f.Stages.GetValueOrDefault(stage))));
        cells.AddRange(CostCells(f));
        cells.AddRange([
            Integer(f.Reserved), Integer(f.Committed),
            Integer(f.Applications), Integer(f.Awards), Integer(f.AwardedYen), Integer(f.SettledYen),
        ]);
        cells.AddRange(AchievementCells(f));
        table.Rows.Add(Row(cells.ToArray()));
    }

    /// <summary>The sum of the rows: each item, line and application counts for one row only, so nothing is counted twice.</summary>
    public static void AddTotal(Table table, IEnumerable<UnitFigures> rows, IReadOnlyList<string> stages, params Cell[] leading) =>
        Add(table, Total, Sum(rows), stages, leading);

    public static UnitFigures Sum(IEnumerable<UnitFigures> rows)
    {
        var total = new UnitFigures();
        foreach (var f in rows)
        {
            total.Items += f.Items;
            foreach (var (stage, count) in f.Stages) total.Stages[stage] = total.Stages.GetValueOrDefault(stage) + count;
            (total.Cost, total.NationalPrefectural, total.LocalBond, total.Other, total.GeneralRevenue) =
                (total.Cost + f.Cost, total.NationalPrefectural + f.NationalPrefectural, total.LocalBond + f.LocalBond,
                    total.Other + f.Other, total.GeneralRevenue + f.GeneralRevenue);
            (total.PersonYears, total.StaffCost) = (total.PersonYears + f.PersonYears, total.StaffCost + f.StaffCost);
            (total.Reserved, total.Committed) = (total.Reserved + f.Reserved, total.Committed + f.Committed);
            (total.Applications, total.Awards, total.AwardedYen, total.SettledYen) =
                (total.Applications + f.Applications, total.Awards + f.Awards, total.AwardedYen + f.AwardedYen,
                    total.SettledYen + f.SettledYen);
            (total.Achieved, total.OnTrack, total.Behind, total.NoData) =
                (total.Achieved + f.Achieved, total.OnTrack + f.OnTrack, total.Behind + f.Behind, total.NoData + f.NoData);
            (total.Pending, total.Overdue) = (total.Pending + f.Pending, total.Overdue + f.Overdue);
        }
        return total;
    }
}
