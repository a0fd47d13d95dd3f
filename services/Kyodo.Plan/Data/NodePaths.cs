using Kyodo.Plan.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Data;

/// <summary>
/// A plan's hierarchy in memory: each node's printed path ("Ⅱ-(3)"), its depth, its
/// descendants, and the tree order. Plans have tens to hundreds of nodes, so one query
/// and a walk beat recursive SQL.
/// </summary>
public sealed class NodePaths
{
    private readonly Dictionary<Guid, PlanNode> _nodes;
    private readonly ILookup<Guid?, PlanNode> _children;

    private NodePaths(IReadOnlyList<PlanNode> nodes)
    {
        _nodes = nodes.ToDictionary(n => n.Id);
        _children = nodes.ToLookup(n => n.ParentId);
    }

    public static async Task<NodePaths> LoadAsync(PlanDbContext db, Guid planId, CancellationToken ct) =>
        new(await db.Nodes.AsNoTracking().Where(n => n.PlanId == planId).ToListAsync(ct));

    public static async Task<NodePaths> LoadAsync(PlanDbContext db, IEnumerable<Guid> planIds, CancellationToken ct)
    {
        var ids = planIds.Distinct().ToList();
        return new(await db.Nodes.AsNoTracking().Where(n => ids.Contains(n.PlanId)).ToListAsync(ct));
    }

    public bool Contains(Guid nodeId) => _nodes.ContainsKey(nodeId);

    public PlanNode? Find(Guid nodeId) => _nodes.GetValueOrDefault(nodeId);

    /// <summary>Printed codes from the root down to the node.</summary>
    public IReadOnlyList<string> CodesTo(Guid nodeId)
    {
        var codes = new List<string>();
        for (var node = Find(nodeId); node is not null; node = node.ParentId is { } parent ? Find(parent) : null)
            codes.Insert(0, node.Code);
        return codes;
    }

    /// <summary>
    /// The reference documents print (整理番号): node codes and the item's own code joined by '-',
    /// except that a code printed with its parent's already in it (施策 "6-1" under 政策 "6") stands
    /// for both, so 6 → 6-1 reads "6-1", not "6-6-1".
    /// </summary>
    public string Reference(Guid nodeId, string itemCode)
    {
        var reference = "";
        var parent = "";
        foreach (var code in CodesTo(nodeId).Append(itemCode).Where(c => c.Length > 0))
        {
            reference = parent.Length > 0 && code.StartsWith(parent + "-", StringComparison.Ordinal)
                ? reference[..^parent.Length] + code
                : reference.Length == 0 ? code : $"{reference}-{code}";
            parent = code;
        }
        return reference;
    }

    public int Depth(Guid nodeId) => CodesTo(nodeId).Count - 1;

    /// <summary>The node and every node below it.</summary>
    public IReadOnlyList<Guid> SelfAndDescendants(Guid nodeId)
    {
        var result = new List<Guid>();
        var pending = new Stack<Guid>([nodeId]);
        while (pending.TryPop(out var id))
        {
            result.Add(id);
            foreach (var child in _children[id]) pending.Push(child.Id);
        }
        return result;
    }

    /// <summary>Parents before children, siblings by position then code.</summary>
    public IReadOnlyList<PlanNode> InTreeOrder()
    {
        var ordered = new List<PlanNode>();
        void Walk(Guid? parent)
        {
            foreach (var node in _children[parent].OrderBy(n => n.Position).ThenBy(n => n.Code, StringComparer.Ordinal))
            {
                ordered.Add(node);
                Walk(node.Id);
            }
        }
        Walk(null);
        return ordered;
    }

    public int NextPosition(Guid? parentId) => _children[parentId].Select(n => n.Position).DefaultIfEmpty(0).Max() + 1;
}
