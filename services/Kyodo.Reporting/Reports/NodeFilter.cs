using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// A report's node filter: one node of a plan's hierarchy (a 政策, a 施策 …) and every node under
/// it. A node the read models do not hold live in the municipality, or (when the report names a
/// plan) of another plan, is NOT_FOUND, as a missing one.
/// </summary>
internal sealed record NodeFilter(NodeRow Node, IReadOnlyList<Guid> Subtree)
{
    public static async Task<NodeFilter?> ResolveAsync(ReportingDbContext db, string code, Guid? nodeId, Guid? planId, CancellationToken ct)
    {
        if (nodeId is not { } id) return null;
        var node = await db.Nodes.AsNoTracking().SingleOrDefaultAsync(n => n.MunicipalityCode == code && n.NodeId == id && !n.Deleted, ct);
        if (node is null || (planId is { } plan && node.PlanId != plan)) throw new NotFoundException("node", id.ToString());
        var subtree = await db.QueryAsync("""
            WITH RECURSIVE subtree(node_id) AS (
                SELECT @node
                UNION
                SELECT c.node_id FROM plan_nodes c JOIN subtree s ON c.parent_id = s.node_id
                WHERE c.municipality_code = @municipality AND NOT c.deleted
            )
            SELECT node_id FROM subtree
            """, row => row.GetGuid(0), ct, ReportSql.Text("municipality", code), ReportSql.Id("node", id));
        return new NodeFilter(node, subtree);
    }

    /// <summary>How a title names it: "施策 6-1 協働の推進".</summary>
    public string Label => string.Join(" ", new[] { Node.LevelName, Node.Code, Node.Title }.Where(p => p.Length > 0));
}
