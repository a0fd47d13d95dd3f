using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;

namespace Kyodo.Web.Presentation;

/// <summary>Items, cost and indicator achievement under one node of a plan (or the whole plan); null where not known yet.</summary>
public sealed record NodeRollup(int Items, long? CostYen, AchievementCounts? Achievement);

public sealed record AchievementCounts(int Achieved, int OnTrack, int Behind, int NoData);

public sealed record TreeNode(PlanNode Node, IReadOnlyList<TreeNode> Children, NodeRollup Rollup);

/// <summary>A plan's hierarchy with a roll-up per node, its items by id, and the plan's own totals.</summary>
public sealed record PlanTree(IReadOnlyList<TreeNode> Roots, IReadOnlyList<Item> Items, NodeRollup? PlanTotal)
{
    /// <summary>An item's id by its printed reference (整理番号), to link the reports' rows to item pages.</summary>
    public IReadOnlyDictionary<string, string> ItemByReference { get; } = Items
        .SelectMany(i => i.Placements.Select(p => (p.Reference, i.Id)))
        .Where(x => x.Reference.Length > 0)
        .GroupBy(x => x.Reference).ToDictionary(g => g.Key, g => g.First().Id);
}

/// <summary>
/// The plan page's tree and roll-ups: the hierarchy (ListNodes) and the items with their
/// placements (ListItems) give each node the items placed in it or below, a re-listed item once;
/// the reporting service's plan structure (GetPlanStructure, ノード別) gives each node's cost and
/// indicator achievement, counting an item under its primary placement; the department summary
/// filtered by the plan gives the plan's own items, cost and achievement (its 合計 row). A node
/// the structure does not name once by code and title (reporting not caught up yet) keeps null,
/// which the page shows as pending. This class is the one place to call them.
/// </summary>
public sealed class PlanRollups(PlanService.PlanServiceClient plans, ReportingService.ReportingServiceClient reporting)
{
    public async Task<PlanTree> BuildAsync(string municipality, Kyodo.Plan.V1.Plan plan, CancellationToken cancellationToken)
    {
        var nodes = (await plans.ListNodesAsync(new ListNodesRequest { PlanId = plan.Id }, cancellationToken: cancellationToken)).Nodes;
        var items = await ItemsAsync(municipality, plan.Id, cancellationToken);
        var total = await PlanTotalAsync(municipality, plan, cancellationToken);
        var byNode = await NodeFiguresAsync(municipality, plan.Id, cancellationToken);

        var children = nodes.ToLookup(n => n.ParentId);
        var placed = items.SelectMany(i => i.Placements.Select(p => (p.NodeId, ItemId: i.Id))).ToLookup(x => x.NodeId, x => x.ItemId);
        TreeNode Build(PlanNode node, out HashSet<string> under)
        {
            under = placed[node.Id].ToHashSet();
            var built = new List<TreeNode>();
            foreach (var child in children[node.Id].OrderBy(n => n.Position))
            {
                built.Add(Build(child, out var childItems));
                under.UnionWith(childItems);
            }
            var figures = byNode.GetValueOrDefault((node.Code, node.Title));
            return new TreeNode(node, built, new NodeRollup(under.Count, figures?.CostYen, figures?.Achievement));
        }
        var roots = children[""].OrderBy(n => n.Position).Select(n => Build(n, out _)).ToList();
        return new PlanTree(roots, items, total);
    }

    private async Task<IReadOnlyList<Item>> ItemsAsync(string municipality, string planId, CancellationToken cancellationToken)
    {
        var items = new List<Item>();
        var request = new ListItemsRequest { MunicipalityCode = municipality, PlanId = planId, Page = new PageRequest { PageSize = 500 } };
        do
        {
            var page = await plans.ListItemsAsync(request, cancellationToken: cancellationToken);
            items.AddRange(page.Items);
            request.Page.PageToken = page.Page?.NextPageToken ?? "";
        } while (request.Page.PageToken.Length > 0);
        return items;
    }

    /// <summary>
    /// Each node's row of the plan structure by its code and title (a pair printed twice is left
    /// out: its figures could be either's); none while reporting has not learnt of the plan.
    /// </summary>
    private async Task<IReadOnlyDictionary<(string Code, string Title), NodeRollup>> NodeFiguresAsync(string municipality, string planId,
        CancellationToken cancellationToken)
    {
        Report structure;
        try
        {
            structure = await reporting.GetPlanStructureAsync(new PlanStructureRequest { MunicipalityCode = municipality, PlanId = planId },
                cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return new Dictionary<(string, string), NodeRollup>();
        }
        if (structure.Tables.FirstOrDefault(t => t.Name == "ノード別") is not { } table) return new Dictionary<(string, string), NodeRollup>();
        var (code, title) = (table.IndexOf("コード"), table.IndexOf("名称"));
        return table.Rows.Where(r => r.TextAt(table.IndexOf("階層名")) != DepartmentSummaryTotals.TotalLabel)
            .GroupBy(r => (r.TextAt(code), r.TextAt(title)))
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => DepartmentSummaryTotals.RollupOf(table, g.Single()));
    }

    /// <summary>The plan's row totals of the department summary over its period; null while reporting has not learnt of the plan.</summary>
    private async Task<NodeRollup?> PlanTotalAsync(string municipality, Kyodo.Plan.V1.Plan plan, CancellationToken cancellationToken)
    {
        Report summary;
        try
        {
            summary = await reporting.GetDepartmentSummaryAsync(new DepartmentSummaryRequest
            {
                MunicipalityCode = municipality, PlanId = plan.Id,
                FiscalYearFrom = plan.StartFiscalYear, FiscalYearTo = plan.EndFiscalYear,
            }, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        return DepartmentSummaryTotals.Of(summary);
    }
}
