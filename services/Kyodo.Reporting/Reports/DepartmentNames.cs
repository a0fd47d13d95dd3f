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
    public static async Task<Dictionary<Guid, (string? Name, DateTimeOffset? AsOf)>> OfAsync(ReportingDbContext db, string code,
        IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        // The items and lines are asked only for the ids no live department row names (rarely any):
        // reading every line of a city for names its departments' rows already give cost a
        // sort of its 10,000 lines per summary.
        var rows = await db.QueryAsync("""
            WITH named AS (
                SELECT d.department_id, d.name, d.as_of FROM departments d
                WHERE d.municipality_code = @municipality AND d.department_id = ANY(@ids) AND NOT d.deleted
            ),
            unnamed AS (
                SELECT id FROM unnest(@ids) AS asked(id) WHERE NOT EXISTS (SELECT 1 FROM named n WHERE n.department_id = asked.id)
            )
            SELECT department_id, name, as_of, 0 AS source FROM named
            UNION ALL
            SELECT u.id, x.name, NULL::timestamptz, 1 FROM unnamed u
            CROSS JOIN LATERAL (
                SELECT x.name FROM item_departments x
                JOIN items i ON i.municipality_code = x.municipality_code AND i.item_id = x.item_id AND NOT i.deleted
                WHERE x.municipality_code = @municipality AND x.department_id = u.id
                ORDER BY i.as_of DESC LIMIT 1) x
            UNION ALL
            SELECT u.id, l.department_name, NULL::timestamptz, 2 FROM unnamed u
            CROSS JOIN LATERAL (
                SELECT l.department_name FROM budget_lines l
                WHERE l.municipality_code = @municipality AND l.department_id = u.id AND NOT l.deleted
                ORDER BY l.as_of DESC LIMIT 1) l
            """, row => (Id: row.GetGuid(0), Name: row.GetString(1), AsOf: row.NullableTime(2), Source: row.GetInt32(3)), ct,
            ReportSql.Text("municipality", code), ReportSql.Ids("ids", ids));
        return rows.GroupBy(r => r.Id)
            .ToDictionary(g => g.Key, g => g.MinBy(r => r.Source) is var first ? ((string?)first.Name, first.AsOf) : default);
    }
}
