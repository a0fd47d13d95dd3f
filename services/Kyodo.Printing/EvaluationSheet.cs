using System.Globalization;

namespace Kyodo.Printing;

/// <summary>
/// What the 事務事業評価シート prints: seed 000's 事務事業 form (hierarchy, particulars, cost by source
/// per year, purpose and goal, indicators) with the full cost (人工, 人件費, フルコスト), the year's
/// budget adjustments (繰越・流用・予備費充用) and the evaluation with its review.
/// </summary>
public sealed record EvaluationSheet(
    string Municipality,
    int FiscalYear,
    string FiscalYearLabel,
    IReadOnlyList<string> Hierarchy,
    IReadOnlyList<PrintField> Particulars,
    IReadOnlyList<SheetCostYear> Costs,
    IReadOnlyList<SheetIndicator> Indicators,
    IReadOnlyList<string> BudgetNotes,
    SheetEvaluation? Evaluation);

/// <summary>One year's column of the cost table; amounts whole yen. StaffCostYen null: no unit cost set for the year.</summary>
public sealed record SheetCostYear(
    string YearLabel, long CostYen, long NationalPrefecturalYen, long LocalBondYen, long OtherYen, long GeneralRevenueYen,
    string PersonYears, long YenPerPersonYear, long? StaffCostYen);

/// <summary>An indicator with its target and actual per year (as text: "300"; an actual not approved reads "(承認待ち 280)").</summary>
public sealed record SheetIndicator(string Kind, string Name, string Unit, IReadOnlyList<(string Target, string Actual)> Years);

public sealed record SheetEvaluation(
    string Necessity, string NecessityReason, string Effectiveness, string EffectivenessReason,
    string Efficiency, string EfficiencyReason, string Direction, string DirectionReason,
    string Status, string Evaluator, string EvaluatedBy, string SubmittedBy, string ReviewedBy, string ReviewedAt, string Comment);

/// <summary>Lays an <see cref="EvaluationSheet"/> out as a <see cref="PrintDocument"/>.</summary>
public static class EvaluationSheetLayout
{
    public static PrintDocument Build(EvaluationSheet sheet, Paper paper)
    {
        var title = $"事務事業評価シート {sheet.FiscalYearLabel}";
        var sections = new List<PrintSection>
        {
            new PrintFields("", sheet.Particulars),
            CostTable(sheet.Costs),
            new PrintText("人件費の計算（人工 × 人件費単価、円未満四捨五入）", sheet.Costs.Select(StaffCostLine).ToList()),
        };
        if (sheet.BudgetNotes.Count > 0) sections.Add(new PrintText("繰越・流用・予備費充用", sheet.BudgetNotes));
        if (sheet.Indicators.Count > 0) sections.Add(IndicatorTable(sheet));
        sections.Add(sheet.Evaluation is { } e ? EvaluationFields(e) : new PrintText("評価", ["（この年度の評価はまだありません）"]));
        var subtitle = new List<string> { sheet.Municipality };
        subtitle.AddRange(sheet.Hierarchy);
        return new PrintDocument(title, subtitle, sections, paper) { Subject = $"{sheet.Municipality} 事務事業評価 FY{sheet.FiscalYear}" };
    }

    /// <summary>Seed 000's 投入指標 block, rows as the form prints them, in 千円 rounded half up, with 人工, 人件費 and フルコスト under it.</summary>
    private static PrintTable CostTable(IReadOnlyList<SheetCostYear> years)
    {
        var columns = new List<PrintColumn> { new("投入指標（千円・四捨五入）", 2) };
        columns.AddRange(years.Select(y => new PrintColumn(y.YearLabel, 1, AlignRight: true)));
        IReadOnlyList<string> Row(string label, Func<SheetCostYear, string> value) => [label, .. years.Select(value)];
        return new PrintTable("事業費・フルコスト", columns,
        [
            Row("年度別事業費", y => Thousand(y.CostYen)),
            Row("国・県支出金", y => Thousand(y.NationalPrefecturalYen)),
            Row("地方債", y => Thousand(y.LocalBondYen)),
            Row("その他", y => Thousand(y.OtherYen)),
            Row("一般財源", y => Thousand(y.GeneralRevenueYen)),
            Row("人工（人）", y => y.PersonYears),
            Row("人件費", y => y.StaffCostYen is { } s ? Thousand(s) : (y.PersonYears.Length > 0 ? "単価未設定" : "")),
            Row("フルコスト（事業費＋人件費）", y => Thousand(y.CostYen + (y.StaffCostYen ?? 0))),
        ]);
    }

    private static string StaffCostLine(SheetCostYear y) => y switch
    {
        { PersonYears.Length: 0 } => $"{y.YearLabel}: 人工の設定なし",
        { StaffCostYen: null } => $"{y.YearLabel}: {y.PersonYears}人（人件費単価が未設定）",
        _ => $"{y.YearLabel}: {y.PersonYears}人 × {Yen(y.YenPerPersonYear)}円 = {Yen(y.StaffCostYen!.Value)}円"
            + $"　フルコスト {Yen(y.CostYen + y.StaffCostYen!.Value)}円",
    };

    private static PrintTable IndicatorTable(EvaluationSheet sheet)
    {
        var labels = sheet.Costs.Select(c => c.YearLabel).ToList();
        var columns = new List<PrintColumn> { new("区分", 0.7), new("指標名", 2.5), new("単位", 0.6) };
        columns.AddRange(labels.Select(l => new PrintColumn($"{l} 目標／実績", 1.2, AlignRight: true)));
        var rows = sheet.Indicators.Select(i => (IReadOnlyList<string>)[i.Kind, i.Name, i.Unit,
            .. i.Years.Select(y => $"{(y.Target.Length > 0 ? y.Target : "-")} ／ {(y.Actual.Length > 0 ? y.Actual : "-")}")]).ToList();
        return new PrintTable("活動指標・成果指標", columns, rows);
    }

    private static PrintFields EvaluationFields(SheetEvaluation e) => new($"評価（{e.Status}）",
    [
        new("必要性", e.Necessity), new("理由", e.NecessityReason),
        new("有効性", e.Effectiveness), new("理由", e.EffectivenessReason),
        new("効率性", e.Efficiency), new("理由", e.EfficiencyReason),
        new("今後の方向性", e.Direction), new("理由・改善内容", e.DirectionReason),
        new("評価課", e.Evaluator), new("評価者", e.EvaluatedBy),
        new("提出者", e.SubmittedBy), new("承認者（確認日）", e.ReviewedBy.Length > 0 ? $"{e.ReviewedBy}（{e.ReviewedAt}）" : ""),
        new("差戻し・承認コメント", e.Comment), new("", ""),
    ]);

    /// <summary>Whole yen in 千円, rounded half up, as the form prints 事業費: 7,320,000 → "7,320".</summary>
    public static string Thousand(long yen) =>
        Math.Round(yen / 1000m, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture);

    public static string Yen(long yen) => yen.ToString("#,0", CultureInfo.InvariantCulture);
}
