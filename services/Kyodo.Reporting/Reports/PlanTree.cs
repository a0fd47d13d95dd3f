using Kyodo.Reporting.ReadModels;

namespace Kyodo.Reporting.Reports;

/// <summary>A plan's live nodes as a tree: document order (parents first, siblings by position then code), depth, subtrees.</summary>
internal sealed class PlanTree
{
    private readonly Dictionary<Guid, NodeRow> _nodes;
    private readonly ILookup<Guid?, NodeRow> _children;

    public PlanTree(IReadOnlyList<NodeRow> nodes)
    {
        _nodes = nodes.ToDictionary(n => n.NodeId);
        // A node whose parent is not live hangs from the root, as the documents' top level.
        _children = nodes.ToLookup(n => n.ParentId is { } parent && _nodes.ContainsKey(parent) ? parent : (Guid?)null);
        var ordered = new List<NodeRow>();
        void Walk(Guid? parent)
        {
            foreach (var node in _children[parent].OrderBy(n => n.Position).ThenBy(n => n.Code, ReferenceOrder.Instance))
            {
                ordered.Add(node);
                Walk(node.NodeId);
            }
        }
        Walk(null);
        InOrder = ordered;
    }

    public IReadOnlyList<NodeRow> InOrder { get; }

    /// <summary>1 for a top-level node (政策), 2 under it (施策) …</summary>
    public int Depth(NodeRow node)
    {
        var depth = 1;
        for (var at = node; at.ParentId is { } parent && _nodes.TryGetValue(parent, out var up) && depth <= _nodes.Count; at = up) depth++;
        return depth;
    }

    public IReadOnlyList<Guid> SelfAndDescendants(Guid nodeId)
    {
        var result = new List<Guid>();
        var pending = new Stack<Guid>([nodeId]);
        while (pending.TryPop(out var id))
        {
            result.Add(id);
            foreach (var child in _children[id]) pending.Push(child.NodeId);
        }
        return result;
    }
}
