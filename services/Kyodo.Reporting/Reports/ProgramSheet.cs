using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Report 2, the 事務事業 sheet (seed 000, Komoro): one item's particulars, its cost by funding
/// source for each year (the plan's period unless a range is asked for), and its indicators
/// with targets and actuals side by side.
/// </summary>
internal static class ProgramSheet
{
    public static async Task<Report> BuildAsync(ReportingDbContext db, string code, Guid itemId, int from, int to, CancellationToken ct)
    {
        var item = (await LoadedItems.LoadAsync(db, code,
            db.Items.Where(i => i.MunicipalityCode == code && i.ItemId == itemId && !i.Deleted), ct)).SingleOrDefault();
        var plan = item is null ? null
            : await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.MunicipalityCode == code && p.PlanId == item.Row.PlanId, ct);
        if (item is null || plan is { Deleted: true }) throw new NotFoundException("item", itemId.ToString());

        var lines =
            await db.BudgetLines.AsNoTracking().Where(l => l.MunicipalityCode == code && l.ItemId == itemId && !l.Deleted).ToListAsync(ct);
        var years = Years(from, to, plan, item, lines);
        lines = lines.Where(l => years.Contains(l.FiscalYear)).ToList();

        var report = new ReportBuilder($"事務事業 {item.Row.Title}", code);
        report.Includes(item.Row.AsOf);
        report.Includes(plan?.AsOf);
        foreach (var line in lines) report.Includes(line.AsOf);

        var hierarchy = await HierarchyAsync(db, code, item, ct);
        foreach (var node in hierarchy) report.Includes(node.AsOf);
        var staff = await StaffYears.LoadAsync(db, code, itemId, years, ct);
        foreach (var year in staff.Values) report.Includes(year.AsOf);
        var pending = await PendingActuals.OfAsync(db, code, item.Indicators.Select(i => i.Row.IndicatorId).ToList(), ct);

        Particulars(report, item, hierarchy, lines, years, staff);
        Cost(report, lines, years, staff);
        Indicators(report, item, years);
        // 未承認の実績: apart from the official actuals 指標 shows, indicator by indicator, year by year.
        PendingActuals.AddTable(report, "指標名",
            from indicator in item.Indicators
            from year in years
            where pending.ContainsKey((indicator.Row.IndicatorId, year))
            select (indicator.Row.Name, indicator.Row.Unit, pending[(indicator.Row.IndicatorId, year)]));
        return report.Build();
    }

    /// <summary>The years asked for, else the plan's period, else (its plan not yet known) every year the item has figures for.</summary>
    private static List<int> Years(int from, int to, PlanRow? plan, LoadedItem item, List<BudgetLineRow> lines)
    {
        if (from > 0) return Enumerable.Range(from, to - from + 1).ToList();
        if (plan is not null) return Enumerable.Range(plan.StartFiscalYear, plan.EndFiscalYear - plan.StartFiscalYear + 1).ToList();
        return lines.Select(l => l.FiscalYear)
            .Concat(item.Indicators.SelectMany(i => i.Values).Select(v => v.FiscalYear))
            .Distinct().Order().ToList();
    }

    /// <summary>The primary placement's node and its ancestors, top level first (政策 6 …, 施策 6-1 …).</summary>
    public static async Task<List<NodeRow>> HierarchyAsync(ReportingDbContext db, string code, LoadedItem item, CancellationToken ct)
    {
        if (item.Row.PrimaryNodeId is not { } placed) return [];
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.MunicipalityCode == code && n.PlanId == item.Row.PlanId && !n.Deleted)
            .ToDictionaryAsync(n => n.NodeId, ct);
        var chain = new List<NodeRow>();
        for (Guid? id = placed; id is { } nodeId && nodes.TryGetValue(nodeId, out var node)
            && chain.Count < nodes.Count; id = node.ParentId)
            chain.Insert(0, node);
        return chain;
    }

    private static void Particulars(ReportBuilder report, LoadedItem loaded, List<NodeRow> hierarchy, List<BudgetLineRow> lines,
        List<int> years, IReadOnlyDictionary<int, StaffYear> staff)
    {
        var item = loaded.Row;
        var table = report.Table("事務事業", ("項目", ColumnKind.Text), ("内容", ColumnKind.Text));
        void Add(string label, string value) => table.Rows.Add(Row(Text(label), Text(value)));
        void AddIfAny(string label, string value) { if (value.Length > 0) Add(label, value); }

        foreach (var node in hierarchy) Add(node.LevelName, $"{node.Code} {node.Title}".Trim());
        AddIfAny("整理番号", loaded.Reference);
        Add("事務事業名", item.Title);
        Add("新規・継続", Labels.Novelty(item.Novelty));
        Add("会計・款・項・目", string.Join("、", lines.OrderBy(l => l.FiscalYear).Select(l => l.AccountPath).Distinct()));
        Add("所管課", string.Join("・", loaded.Departments.Select(d => d.Name)));
        Add("事業概要", item.Content);
        Add("施策内順位", Labels.Rank(item.Rank, item.RankOf));
        Add("市長公約事項", Labels.MayoralPledge(item.MayoralPledge));
        Add("目的", item.Purpose);
        foreach (var goal in loaded.YearlyGoals.Where(g => years.Contains(g.FiscalYear)))
            Add($"{Japanese.FiscalYearLabel(goal.FiscalYear)}の目標", goal.Text);
        // Fields of the other documents' forms, printed only when the item has them.
        AddIfAny("実施主体", string.Join("・", item.ImplementingBodies));
        AddIfAny("現状と課題", item.CurrentState);
        AddIfAny("完了の基準", item.CompletionCriterion);
        AddIfAny("期待される効果", item.ExpectedEffects);
        AddIfAny("関連計画", string.Join("・", item.LinkedPlans));
        // 人工 per year (a count of person-years, not money, so not a row of 投入指標's 千円 columns).
        AddIfAny("人工", string.Join("、", years.Where(staff.ContainsKey).Select(y => staff[y].Text(Japanese.FiscalYearLabel(y)))));
        Add("特記事項", item.SpecialNotes);
    }

    /// <summary>
    /// 投入指標: 事業費 and its sources per year, in yen (shown in 千円 as the form prints them); blank
    /// where no budget line exists. With staff time in any year, 人件費 (blank in a year without
    /// staff time or without a unit cost) and フルコスト（事業費＋人件費） follow.
    /// </summary>
    private static void Cost(ReportBuilder report, List<BudgetLineRow> lines, List<int> years, IReadOnlyDictionary<int, StaffYear> staff)
    {
        var columns = new List<(string, ColumnKind)> { ("区分", ColumnKind.Text) };
        columns.AddRange(years.Select(y => (Japanese.FiscalYearLabel(y), ColumnKind.ThousandYen)));
        var table = report.Table("投入指標", columns.ToArray());
        var sources = new (string Label, Func<BudgetLineRow, long> Amount)[]
        {
            ("年度別事業費", l => l.CostYen), ("国・県支出金", l => l.NationalPrefecturalYen), ("地方債", l => l.LocalBondYen),
            ("その他", l => l.OtherYen), ("一般財源", l => l.GeneralRevenueYen),
        };
        foreach (var (label, amount) in sources)
        {
            var cells = new List<Cell> { Text(label) };
            cells.AddRange(years.Select(
                y => lines.Where(l => l.FiscalYear == y).ToList() is { Count: > 0 } ofYear ? Integer(ofYear.Sum(amount)) : Blank()));
            table.Rows.Add(Row(cells.ToArray()));
        }
        if (staff.Count == 0) return;
        long? StaffCost(int year) => staff.GetValueOrDefault(year)?.StaffCostYen;
        table.Rows.Add(Row([Text("人件費"), .. years.Select(y => StaffCost(y) is { } yen ? Integer(yen) : Blank())]));
        table.Rows.Add(Row([Text("フルコスト（事業費＋人件費）"), .. years.Select(y =>
        {
            var ofYear = lines.Where(l => l.FiscalYear == y).ToList();
            return ofYear.Count > 0 || StaffCost(y) is not null ? Integer(ofYear.Sum(l => l.CostYen) + (StaffCost(y) ?? 0)) : Blank();
        })]));
    }

    /// <summary>活動指標 / 成果指標: each indicator's target and actual for each year.</summary>
    private static void Indicators(ReportBuilder report, LoadedItem item, List<int> years)
    {
        var columns = new List<(string, ColumnKind)> { ("区分", ColumnKind.Text), ("指標名", ColumnKind.Text), ("単位", ColumnKind.Text),
            ("基準値", ColumnKind.Number), ("基準年度", ColumnKind.Text) };
        foreach (var year in years)
            columns.AddRange(
                [($"{Japanese.FiscalYearLabel(year)} 目標", ColumnKind.Number), ($"{Japanese.FiscalYearLabel(year)} 実績", ColumnKind.Number)]);
        var table = report.Table("指標", columns.ToArray());
        foreach (var indicator in item.Indicators)
        {
            var row = indicator.Row;
            var cells = new List<Cell>
            {
                Text(Labels.IndicatorKind(row.Kind)), Text(row.Name), Text(row.Unit),
                row.BaselineValue is { } baseline ? Value(baseline) : Blank(),
                Text(row.BaselineFiscalYear is { } at ? Japanese.FiscalYearLabel(at) : ""),
            };
            foreach (var year in years)
                cells.AddRange([ValueOrBlank(indicator.Target(year)), ValueOrBlank(indicator.Actual(year))]);
            table.Rows.Add(Row(cells.ToArray()));
        }
    }

    private static Cell ValueOrBlank(decimal? value) => value is { } found ? Value(found) : Blank();
}
