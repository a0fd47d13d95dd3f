namespace Kyodo.Plan.Domain;

/// <summary>
/// Where an item is listed: under a node, with the item's printed code there. One item can
/// be listed under several nodes (【再掲】); exactly one placement is primary.
/// </summary>
public sealed class ItemPlacement
{
    public Guid ItemId { get; private set; }
    public Guid NodeId { get; private set; }
    public string Code { get; private set; } = "";
    public bool IsPrimary { get; private set; }

    private ItemPlacement() { }

    public ItemPlacement(Guid itemId, Guid nodeId, string code, bool isPrimary)
    {
        ItemId = itemId;
        NodeId = nodeId;
        Code = code;
        IsPrimary = isPrimary;
    }

    public void Change(string code, bool isPrimary)
    {
        Code = code;
        IsPrimary = isPrimary;
    }
}
