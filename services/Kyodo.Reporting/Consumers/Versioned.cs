using Kyodo.Reporting.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Consumers;

/// <summary>Applies an event carrying a record's whole state to its row, if it is newer than what the row holds.</summary>
internal static class Versioned
{
    public static async Task ApplyAsync<TRow>(this DbSet<TRow> rows, Guid key, string municipalityCode, int revision, DateTimeOffset occurredAt,
        Func<TRow> create, Action<TRow> apply, CancellationToken ct) where TRow : VersionedRow
    {
        var row = await rows.FindAsync([key], ct);
        if (row is null)
        {
            row = create();
            row.MunicipalityCode = municipalityCode;
            rows.Add(row);
        }
        else if (revision <= row.Revision)
        {
            return; // a duplicate or an older state arriving late: the row already reflects something newer
        }
        apply(row);
        row.Revision = revision;
        row.AsOf = occurredAt.ToUniversalTime(); // timestamptz stores UTC only
    }
}
