using Kyodo.Reporting.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Consumers;

/// <summary>What <see cref="Versioned.ApplyAsync"/> did: nothing (the row holds that state or a newer one), inserted a new row, or replaced
/// an older state.</summary>
public enum VersionedWrite
{
    None,
    Inserted,
    Replaced,
}

/// <summary>Applies an event carrying a record's whole state to its row, if it is newer than what the row holds.</summary>
internal static class Versioned
{
    /// <param name="listed">
    /// The state comes from a rebuild's list, not an event: the record lives now. It then also
    /// replaces a tombstone of the same revision, which only a rebuild's inference (a record it did
    /// not find listed) or a plan's deletion leaves: a deletion event of the record itself carries a
    /// revision above every state the record had, so no list can replace that one.
    /// </param>
    public static async Task<VersionedWrite> ApplyAsync<TRow>(this DbSet<TRow> rows, string municipalityCode, Guid key, int revision,
        DateTimeOffset occurredAt, Func<TRow> create, Action<TRow> apply, bool listed, CancellationToken ct) where TRow : VersionedRow
    {
        var row = await rows.FindAsync([municipalityCode, key], ct);
        var write = VersionedWrite.Replaced;
        if (row is null)
        {
            row = create();
            row.MunicipalityCode = municipalityCode;
            rows.Add(row);
            write = VersionedWrite.Inserted;
        }
        else if (revision < row.Revision || (revision == row.Revision && !(listed && row.Deleted)))
        {
            return VersionedWrite.None; // a duplicate or an older state arriving late: the row already reflects something newer
        }
        apply(row);
        row.Revision = revision;
        row.AsOf = occurredAt.ToUniversalTime(); // timestamptz stores UTC only
        return write;
    }
}
