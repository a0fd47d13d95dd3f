using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;
using static Kyodo.Reporting.Reports.ReportSql;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Report 7, a plan's structure rolled up by its hierarchy. Each item counts under the node of its
/// primary placement (a re-listing, 【再掲】, is counted apart as such), so every node's figures
/// are the sum of its children's and of the items placed at it, and the plan's total row is the
/// sum of its top nodes' and of items placed nowhere. The figures per node are aggregated in SQL
/// (<see cref="SummaryFigures"/> by node); the tree, tens to hundreds of nodes, adds them up here.
/// </summary>
internal static class PlanStructure
{
    private sealed record Placed(string Node, long Placements, long Relisted);

    public static async Task<Report> BuildAsync(ReportingDbContext db, string code, Guid planId, Guid? nodeId, YearRange asked,
        AchievementThresholds thresholds, DateOnly today, CancellationToken ct)
    {
        var plan =
            await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.MunicipalityCode == code && p.PlanId == planId && !p.Deleted, ct)
            ?? throw new NotFoundException("plan", planId.ToString());
        var filter = await NodeFilter.ResolveAsync(db, code, nodeId, planId, ct);
        var years = PlanYears.Within(plan, asked);
        var tree = new PlanTree(
            await db.Nodes.AsNoTracking().Where(n => n.MunicipalityCode == code && n.PlanId == planId && !n.Deleted).ToListAsync(ct));
        var shown = filter is null ? tree.InOrder : tree.InOrder.Where(n => filter.Subtree.Contains(n.NodeId)).ToList();

        var title = ReportTitle.With($"{plan.Name} 施策体系", asked.All ? null : ReportTitle.Years(years.From, years.To),
            ReportTitle.Node(filter?.Label));
        var report = new ReportBuilder(title, code);
        report.Includes(plan.AsOf);
        foreach (var node in shown) report.Includes(node.AsOf);

        var stages = await StageVocabulary.OfAsync(db, [code], today, ct);
        var (byNode, asOf) = await KeptSummaryFigures.LoadAsync(db,
            new SummaryScope([code], years.From, years.To, planId, Nodes: filter?.Subtree, Unit: SummaryUnit.Node), thresholds, today, ct);
        report.Includes(asOf);
        var placed = (await PlacementsAsync(db, code, planId, ct)).ToDictionary(p => p.Node);

        Levels(report, tree, shown, byNode, placed);
        Nodes(report, tree, shown, byNode, placed, stages, filter);
        return report.Build();
    }

    /// <summary>Placements and re-listings of the plan's live items, per node placed at.</summary>
    private static Task<List<Placed>> PlacementsAsync(ReportingDbContext db, string code, Guid planId, CancellationToken ct) =>
        db.AggregateRangesAsync("""
            SELECT p.node_id::text, count(*), count(*) FILTER (WHERE NOT p.is_primary)
            FROM items i JOIN item_placements p ON p.municipality_code = i.municipality_code AND p.item_id = i.item_id
            WHERE i.municipality_code = @municipality AND p.municipality_code = @municipality AND i.plan_id = @plan AND NOT i.deleted
            GROUP BY p.node_id
            """, row => new Placed(row.GetString(0), row.Long(1), row.Long(2)), ct, Text("municipality", code), Id("plan", planId));

    /// <summary>階層別: per depth, its level names, nodes, items placed there (primary), placements and re-listings, then their sum.</summary>
    private static void Levels(ReportBuilder report, PlanTree tree, IReadOnlyList<NodeRow> shown, Dictionary<string, UnitFigures> byNode,
        Dictionary<string, Placed> placed)
    {
        var table = report.Table("階層別", ("階層", ColumnKind.Count), ("階層名", ColumnKind.Text), ("ノード数", ColumnKind.Count),
            ("事業数", ColumnKind.Count), ("掲載数", ColumnKind.Count), ("再掲数", ColumnKind.Count));
        var sums = new long[4];
        foreach (var level in shown.GroupBy(tree.Depth).OrderBy(g => g.Key))
        {
            var nodes = level.ToList();
            long[] figures =
            [
                nodes.Count, nodes.Sum(n => byNode.GetValueOrDefault(n.NodeId.ToString())?.Items ?? 0),
                nodes.Sum(n => placed.GetValueOrDefault(n.NodeId.ToString())?.Placements ?? 0),
                nodes.Sum(n => placed.GetValueOrDefault(n.NodeId.ToString())?.Relisted ?? 0),
            ];
            for (var i = 0; i < sums.Length; i++) sums[i] += figures[i];
            table.Rows.Add(
                Row([Integer(level.Key), Text(string.Join("・", nodes.Select(n => n.LevelName).Distinct())), .. figures.Select(Integer)]));
        }
        table.Rows.Add(Row([Blank(), Text("計"), .. sums.Select(Integer)]));
    }

    /// <summary>ノード別: each node in document order with everything under it, then the total (the plan, or the node asked for).</summary>
    private static void Nodes(ReportBuilder report, PlanTree tree, IReadOnlyList<NodeRow> shown, Dictionary<string, UnitFigures> byNode,
        Dictionary<string, Placed> placed, IReadOnlyList<string> stages, NodeFilter? filter)
    {
        var table = report.Table("ノード別", ("階層", ColumnKind.Count), ("階層名", ColumnKind.Text), ("コード", ColumnKind.Text),
            ("名称", ColumnKind.Text), ("事業数", ColumnKind.Count), ("再掲数", ColumnKind.Count));
        table.Columns.AddRange(SummaryTable.CostColumns.Select(c => new Column { Name = c.Item1, Kind = c.Item2 }));
        table.Columns.AddRange(stages.Select(s => new Column { Name = $"{s}（事業数）", Kind = ColumnKind.Count }));
        table.Columns.AddRange(SummaryTable.AchievementColumns.Select(c => new Column { Name = c.Item1, Kind = c.Item2 }));

        // Under each node: its own figures and every descendant's.
        (UnitFigures Figures, long Relisted) Under(NodeRow node)
        {
            var subtree = tree.SelfAndDescendants(node.NodeId).Select(id => id.ToString()).ToList();
            return (SummaryTable.Sum(subtree.Select(id => byNode.GetValueOrDefault(id)).OfType<UnitFigures>()),
                subtree.Sum(id => placed.GetValueOrDefault(id)?.Relisted ?? 0));
        }
        foreach (var node in shown)
        {
            var (figures, relisted) = Under(node);
            table.Rows.Add(Row([Integer(tree.Depth(node)), Text(node.LevelName), Text(node.Code), Text(node.Title),
                .. Figures(figures, relisted, stages)]));
        }
        // The total: the node asked for, else the whole plan (items placed nowhere included).
        var total = filter is null ? (SummaryTable.Sum(byNode.Values), placed.Values.Sum(p => p.Relisted)) : Under(filter.Node);
        table.Rows.Add(Row([Blank(), Text(SummaryTable.Total), Text(""), Text(""), .. Figures(total.Item1, total.Item2, stages)]));
    }

    private static IEnumerable<Cell> Figures(UnitFigures f, long relisted, IReadOnlyList<string> stages) =>
    [
        Integer(f.Items), Integer(relisted), .. SummaryTable.CostCells(f),
        .. stages.Select(s => Integer(f.Stages.GetValueOrDefault(s))),
        .. SummaryTable.AchievementCells(f),
    ];
}
