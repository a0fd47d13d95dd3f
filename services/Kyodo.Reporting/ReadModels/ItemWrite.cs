using System.Collections;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kyodo.Contracts.Plan;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// An item snapshot of a municipality as of a time, made ready for <see cref="ItemStatements"/>: its
/// row and each content table's rows as JSON objects. Built where the event is consumed, so that the
/// one writer that joins many items' (GroupCommit) only puts them together.
/// </summary>
public sealed class ItemWrite
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Property names as the columns' (ItemId → item_id); jsonb_to_recordset picks the columns by these.
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A parameter's text, never HTML: Japanese as itself, a third of its \uXXXX escapes' length.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public ItemWrite(string municipality, DateTimeOffset at, ItemSnapshot item)
    {
        (Municipality, ItemId, PlanId, Revision) = (municipality, item.ItemId, item.PlanId, item.Revision);
        var row = new ItemRow
        {
            MunicipalityCode = municipality, ItemId = item.ItemId, Revision = item.Revision, AsOf = at.ToUniversalTime(),
        };
        ItemFields.Apply(row, item);
        Row = JsonSerializer.Serialize(row, Json);
        Contents = ItemStatements.ContentRowsOf(RecordContents.Item(municipality, item)).Select(Objects).ToArray();
        Digests = Contents.Select(Digest).ToArray();
    }

    public string Municipality { get; }
    public Guid ItemId { get; }
    public Guid PlanId { get; }
    public int Revision { get; }

    /// <summary>The item's row as one JSON object.</summary>
    internal string Row { get; }

    /// <summary>Per content table (in the order of <see cref="ItemStatements.ContentRowsOf"/>) the item's rows as JSON objects,
    /// comma-separated: a JSON array without its brackets, empty for none.</summary>
    internal string[] Contents { get; }

    /// <summary>Per content table, a digest of <see cref="Contents"/>: equal digests, equal rows. The first half of a SHA-256: the
    /// rows are what city staff wrote, and a digest anyone could make collide would let a change go unwritten.</summary>
    public Guid[] Digests { get; }

    private static Guid Digest(string rows)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(rows), hash);
        return new Guid(hash[..16]);
    }

    private static string Objects(IList rows) => rows.Count == 0 ? "" : JsonSerializer.Serialize(rows, rows.GetType(), Json)[1..^1];
}
