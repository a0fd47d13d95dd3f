using Kyodo.Reporting.Data;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Departments' names as their rows give them, else (a DepartmentChanged still on its way) as the
/// municipality's newest live item or budget line naming them does; with the time of the row
/// that gave it (none for a name an item or line gave: that row is dated where it is counted).
/// A department none of these names is absent, so it reads as missing.
/// </summary>
internal static class DepartmentNames
{
    public static async Task<Dictionary<Guid, (string? Name, DateTimeOffset? AsOf)>> OfAsync(ReportingDbContext db, string code, IReadOnlyCollection<Guid> ids,
        CancellationToken ct)
    {
        var rows = await db.QueryAsync("""
            SELECT d.department_id, d.name, d.as_of, 0 AS source FROM departments d
            WHERE d.municipality_code = @municipality AND d.department_id = ANY(@ids) AND NOT d.deleted
            UNION ALL
            SELECT * FROM (
                SELECT DISTINCT ON (x.department_id) x.department_id, x.name, NULL::timestamptz, 1 FROM item_departments x
                JOIN items i ON i.municipality_code = x.municipality_code AND i.item_id = x.item_id AND NOT i.deleted
                WHERE x.municipality_code = @municipality AND x.department_id = ANY(@ids)
                ORDER BY x.department_id, i.as_of DESC) named_by_items
            UNION ALL
            SELECT * FROM (
                SELECT DISTINCT ON (l.department_id) l.department_id, l.department_name, NULL::timestamptz, 2 FROM budget_lines l
                WHERE l.municipality_code = @municipality AND l.department_id = ANY(@ids) AND NOT l.deleted
                ORDER BY l.department_id, l.as_of DESC) named_by_lines
            """, row => (Id: row.GetGuid(0), Name: row.GetString(1), AsOf: row.NullableTime(2), Source: row.GetInt32(3)), ct,
            ReportSql.Text("municipality", code), ReportSql.Ids("ids", ids));
        return rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.MinBy(r => r.Source) is var first ? ((string?)first.Name, first.AsOf) : default);
    }
}
