namespace Kyodo.Plan.Domain;

/// <summary>One accepted change of an item, with the item's state after it (its history).</summary>
public sealed class ItemChange
{
    public Guid Id { get; private set; }
    public Guid ItemId { get; private set; }
    public int Revision { get; private set; }
    /// <summary>created, updated, schedule_changed, indicator_added, indicator_updated, indicator_deleted, actual_recorded, target_revised,
    /// deleted.</summary>
    public string Kind { get; private set; } = "";
    public string Summary { get; private set; } = "";
    /// <summary>The item after the change as JSON (the ItemSnapshot event contract); "{}" after deletion.</summary>
    public string SnapshotJson { get; private set; } = "{}";
    public string ChangedBy { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }

    private ItemChange() { }

    public ItemChange(Guid id, Guid itemId, int revision, string kind, string summary, string snapshotJson, string changedBy,
        DateTimeOffset changedAt)
    {
        Id = id;
        ItemId = itemId;
        Revision = revision;
        Kind = kind;
        Summary = summary;
        SnapshotJson = snapshotJson;
        ChangedBy = changedBy;
        ChangedAt = changedAt;
    }
}
