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

    public static async Task<List<string>> OfAsync(ReportingDbContext db, IReadOnlyCollection<string> municipalities, CancellationToken ct)
    {
        // Each table read as the municipalities' ranges (ReportSql.AggregateRangesAsync); the distinct
        // arrays first, as the cells of a city's items repeat few of them.
        var used = await db.AggregateRangesAsync("""
            SELECT DISTINCT unnest(used.stages) FROM (
                SELECT DISTINCT c.stages
                FROM items i
                JOIN plans p ON p.municipality_code = i.municipality_code AND p.plan_id = i.plan_id AND NOT p.deleted
                JOIN item_schedule_cells c ON c.municipality_code = i.municipality_code AND c.item_id = i.item_id
                WHERE i.municipality_code = ANY(@municipalities) AND NOT i.deleted
                  AND p.municipality_code = ANY(@municipalities) AND c.municipality_code = ANY(@municipalities)
            ) used
            """, row => row.GetString(0), ct, ReportSql.Texts("municipalities", municipalities));
        return Ordered(used);
    }

    public static List<string> Ordered(IEnumerable<string> used)
    {
        var words = used.ToHashSet(StringComparer.Ordinal);
        return [.. Known.Where(words.Contains), .. words.Except(Known).Order(StringComparer.Ordinal)];
    }
}
