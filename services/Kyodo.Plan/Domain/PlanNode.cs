namespace Kyodo.Plan.Domain;

/// <summary>
/// A level of a plan's hierarchy (政策 6 → 施策 6-1; 推進方針 Ⅱ → 推進施策 (3)), with its
/// printed code kept exactly as printed and its order among siblings.
/// </summary>
public sealed class PlanNode
{
    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid? ParentId { get; private set; }
    public string LevelName { get; private set; } = "";
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public int Position { get; private set; }
    /// <summary>Counts changes (1 on creation), so event consumers keep the newest state whatever the order.</summary>
    public int Revision { get; private set; }
    public long Version { get; private set; }

    private PlanNode() { }

    public PlanNode(Guid id, Guid planId, Guid? parentId, string levelName, string code, string title, int position)
    {
        Id = id;
        PlanId = planId;
        ParentId = parentId;
        Change(levelName, code, title, position);
    }

    public void Change(string levelName, string code, string title, int position)
    {
        LevelName = levelName;
        Code = code;
        Title = title;
        Position = position;
        Revision++;
    }
}
