using Kyodo.Subsidy.Data;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Budgets;

/// <summary>Writes <see cref="BudgetLineFact"/> rows, each keeping the highest revision, in one INSERT … ON CONFLICT (a consumer and a
/// write may record one line at once).</summary>
internal static class BudgetLineFacts
{
    public static Task RecordLineAsync(this SubsidyDbContext db, string municipalityCode, Guid lineId, Guid itemId, int fiscalYear,
        int revision, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO budget_line_facts AS f (line_id, municipality_code, item_id, fiscal_year, revision, deleted)
            VALUES ({lineId}, {municipalityCode}, {itemId}, {fiscalYear}, {revision}, FALSE)
            ON CONFLICT (line_id) DO UPDATE SET municipality_code = EXCLUDED.municipality_code, item_id = EXCLUDED.item_id,
                fiscal_year = EXCLUDED.fiscal_year, revision = EXCLUDED.revision, deleted = FALSE
            WHERE f.revision < EXCLUDED.revision
            """, ct);

    /// <summary>A line's deletion (its revision is above every state it had); what was known of it stays.</summary>
    public static Task RecordLineDeletedAsync(this SubsidyDbContext db, string municipalityCode, Guid lineId, int revision,
        CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO budget_line_facts AS f (line_id, municipality_code, item_id, fiscal_year, revision, deleted)
            VALUES ({lineId}, {municipalityCode}, {Guid.Empty}, 0, {revision}, TRUE)
            ON CONFLICT (line_id) DO UPDATE SET revision = EXCLUDED.revision, deleted = TRUE
            WHERE f.revision < EXCLUDED.revision
            """, ct);
}
