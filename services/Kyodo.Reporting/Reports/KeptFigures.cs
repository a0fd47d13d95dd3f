using System.Text.Json;
using Kyodo.Reporting.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using static Kyodo.Reporting.Reports.ReportSql;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Figures kept per municipality, keyed by its change stamp (docs/decisions/040-figures-kept-by-municipality-stamp.md).
/// Every statement that changes a read-model row of a municipality bumps its stamp in the same
/// transaction (the triggers of Data/Migrations/MunicipalityStampTriggers.cs; an item's content
/// rows, by the one statement that writes them: ReadModels/ItemStatements.cs), so figures stored
/// with the stamp they were computed at are exactly what a new computation would give while that
/// stamp is current. A report reads the stamps and the stored figures in its snapshot, computes the
/// municipalities that have none (or stale ones) in one call, and stores those. At national scale
/// an area report is then one indexed read of 179 small rows instead of aggregating 2 million.
/// </summary>
internal static class KeptFigures
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    /// <summary>
    /// Each municipality's figures for <paramref name="scope"/> (the canonical text of everything they
    /// depend on): stored ones whose stamp is the municipality's current one, and for the rest what
    /// <paramref name="compute"/> returns (it is called once, with every such municipality, and must
    /// answer for each), stored then.
    /// </summary>
    /// <param name="today">The day (Japan time) of the report: entries of an earlier day are deleted as new ones are stored.</param>
    public static async Task<Dictionary<string, T>> ReadThroughAsync<T>(ReportingDbContext db, IReadOnlyCollection<string> municipalities,
        string scope, DateOnly today, Func<IReadOnlyList<string>, Task<Dictionary<string, T>>> compute, CancellationToken ct)
    {
        // In the report's snapshot: the stamp read here is the one the figures computed below are
        // consistent with, so a write committed after the snapshot leaves the stored entry stale, never wrong.
        var rows = await db.QueryAsync("""
            SELECT m.code, coalesce(s.stamp, 0), f.figures::text
            FROM unnest(@municipalities) AS m(code)
            LEFT JOIN municipality_stamps s ON s.municipality_code = m.code
            LEFT JOIN municipality_figures f ON f.municipality_code = m.code AND f.scope = @scope AND f.stamp = coalesce(s.stamp, 0)
            """, row => (Code: row.GetString(0), Stamp: row.GetInt64(1), Figures: row.NullableText(2)), ct,
            Texts("municipalities", municipalities), Text("scope", scope));

        var figures = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (code, _, stored) in rows)
            if (stored is not null) figures[code] = JsonSerializer.Deserialize<T>(stored, Json)!;
        var missing = rows.Where(r => r.Figures is null).ToList();
        if (missing.Count == 0) return figures;

        var computed = await compute(missing.Select(r => r.Code).ToList());
        foreach (var (code, _, _) in missing) figures[code] = computed[code];
        await StoreAsync(db.Database.GetConnectionString()!, scope, today,
            missing.Select(r => (r.Code, r.Stamp, JsonSerializer.Serialize(computed[r.Code], Json))).ToList(), ct);
        return figures;
    }

    /// <summary>
    /// Stores the entries on a connection of its own, outside the report's read-only snapshot: an
    /// upsert that keeps the higher stamp, so requests computing the same entry at once both succeed
    /// and the newer computation stays; then the municipalities' entries of an earlier day or an
    /// older stamp (any scope) go, which bounds the table to one day's requests of current figures.
    /// </summary>
    private static async Task StoreAsync(string connectionString, string scope, DateOnly today,
        IReadOnlyList<(string Code, long Stamp, string Figures)> entries, CancellationToken ct)
    {
        var sorted = entries.OrderBy(e => e.Code, StringComparer.Ordinal).ToList(); // rows locked in one order by every request
        // A parameter belongs to one command: each command gets its own.
        NpgsqlParameter[] Keys() =>
        [
            Texts("codes", sorted.Select(e => e.Code).ToList()),
            new("stamps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = sorted.Select(e => e.Stamp).ToArray() },
            Date("today", today),
        ];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        try
        {
            await using var store = new NpgsqlCommand("""
                INSERT INTO municipality_figures AS f (municipality_code, scope, stamp, report_day, computed_at, figures)
                SELECT e.code, @scope, e.stamp, @today, now(), e.figures::jsonb
                FROM unnest(@codes, @stamps, @figures) WITH ORDINALITY AS e(code, stamp, figures, n) ORDER BY e.n
                ON CONFLICT (municipality_code, scope) DO UPDATE
                    SET stamp = excluded.stamp, report_day = excluded.report_day, computed_at = excluded.computed_at,
                        figures = excluded.figures
                    WHERE f.stamp < excluded.stamp OR (f.stamp = excluded.stamp AND f.report_day < excluded.report_day)
                """, connection);
            store.Parameters.AddRange(Keys());
            store.Parameters.Add(Texts("figures", sorted.Select(e => e.Figures).ToList()));
            store.Parameters.Add(Text("scope", scope));
            await store.ExecuteNonQueryAsync(ct);
            await using var prune = new NpgsqlCommand("""
                DELETE FROM municipality_figures f USING unnest(@codes, @stamps) AS e(code, stamp)
                WHERE f.municipality_code = e.code AND (f.report_day < @today OR f.stamp < e.stamp)
                """, connection);
            prune.Parameters.AddRange(Keys());
            await prune.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected)
        {
            // Two requests pruning and storing the same municipalities' rows in different orders: the
            // figures returned are right either way, only their keeping failed; the next request computes them again.
        }
    }
}
