using Kyodo.Reporting.Data;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// The stage columns of the reports that count items by stage: every stage word the
/// municipalities' live items use in any year, whatever the request's years and filters, so a
/// program reading the columns by position finds the same ones in every report of those
/// municipalities. The stages DOMAIN.md names come first in its order; a word of a city's own
/// (中止, 書面議決) follows, in code-point order.
/// </summary>
internal static class StageVocabulary
{
    private static readonly string[] Known = ["検討", "実施", "→", "見直し", "一部実施", "完了予定", "完了", "周知"];

    /// <param name="today">The report's day, for <see cref="KeptFigures"/>' bound on what it keeps (the words do not depend on it).</param>
    public static async Task<List<string>> OfAsync(ReportingDbContext db, IReadOnlyCollection<string> municipalities, DateOnly today,
        CancellationToken ct)
    {
        // Each municipality's words kept by its stamp: over 179 municipalities the words cost 0.6 s of
        // PostgreSQL's time a call (2026-12-06, national benchmark database), so only the changed ones are read again.
        var kept = await KeptFigures.ReadThroughAsync(db, municipalities, "stages", today, async missing =>
        {
            // Each table read as the municipalities' ranges (ReportSql.AggregateRangesAsync); the distinct
            // arrays first, as the cells of a city's items repeat few of them.
            var used = await db.AggregateRangesAsync("""
                SELECT DISTINCT used.municipality_code::text, unnest(used.stages) FROM (
                    SELECT DISTINCT c.municipality_code, c.stages
                    FROM items i
                    JOIN plans p ON p.municipality_code = i.municipality_code AND p.plan_id = i.plan_id AND NOT p.deleted
                    JOIN item_schedule_cells c ON c.municipality_code = i.municipality_code AND c.item_id = i.item_id
                    WHERE i.municipality_code = ANY(@municipalities) AND NOT i.deleted
                      AND p.municipality_code = ANY(@municipalities) AND c.municipality_code = ANY(@municipalities)
                ) used
                """, row => (Code: row.GetString(0), Word: row.GetString(1)), ct, ReportSql.Texts("municipalities", missing));
            var words = used.ToLookup(u => u.Code, u => u.Word);
            return missing.ToDictionary(code => code, code => words[code].ToList());
        }, ct);
        return Ordered(kept.Values.SelectMany(words => words));
    }

    public static List<string> Ordered(IEnumerable<string> used)
    {
        var words = used.ToHashSet(StringComparer.Ordinal);
        return [.. Known.Where(words.Contains), .. words.Except(Known).Order(StringComparer.Ordinal)];
    }
}
