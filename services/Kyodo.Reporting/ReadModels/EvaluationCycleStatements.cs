using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Npgsql;
using NpgsqlTypes;

using static Kyodo.Reporting.ReadModels.VersionedStatements;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// The evaluation cycle's events as statements PostgreSQL runs in one round trip (as
/// <see cref="ItemStatements"/> does for items): each upserts its record's row keyed by
/// municipality first, and an existing row takes the event's state only when it is newer (a higher
/// revision; listed, from a rebuild, also over a tombstone of its revision: <see cref="VersionedStatements"/>),
/// so duplicates and reordering end in the ordered state. An adjustment is a fact of its line's
/// revision, inserted once. The consumer and the rebuild both write through these.
/// </summary>
public static class EvaluationCycleStatements
{
    public static NpgsqlBatchCommand Evaluation(string municipality, DateTimeOffset at, EvaluationSnapshot e, bool deleted, bool listed) =>
        Upsert("evaluations", ["municipality_code", "evaluation_id"], listed,
        [
            new("municipality_code", NpgsqlDbType.Varchar, municipality), new("evaluation_id", NpgsqlDbType.Uuid, e.EvaluationId),
            new("plan_id", NpgsqlDbType.Uuid, e.PlanId), new("item_id", NpgsqlDbType.Uuid, e.ItemId),
            new("node_id", NpgsqlDbType.Uuid, e.NodeId), new("fiscal_year", NpgsqlDbType.Integer, e.FiscalYear),
            new("evaluator_department_id", NpgsqlDbType.Uuid, e.EvaluatorDepartmentId),
            new("evaluator_department_name", NpgsqlDbType.Text, e.EvaluatorDepartmentName),
            new("necessity", NpgsqlDbType.Text, e.Necessity), new("necessity_reason", NpgsqlDbType.Text, e.NecessityReason),
            new("effectiveness", NpgsqlDbType.Text, e.Effectiveness), new("effectiveness_reason", NpgsqlDbType.Text, e.EffectivenessReason),
            new("efficiency", NpgsqlDbType.Text, e.Efficiency), new("efficiency_reason", NpgsqlDbType.Text, e.EfficiencyReason),
            new("direction", NpgsqlDbType.Text, e.Direction), new("direction_reason", NpgsqlDbType.Text, e.DirectionReason),
            new("status", NpgsqlDbType.Text, e.Status),
            new("evaluated_by", NpgsqlDbType.Text, e.EvaluatedBy),
            new("evaluated_at", NpgsqlDbType.TimestampTz, e.EvaluatedAt.ToUniversalTime()),
            new("submitted_by", NpgsqlDbType.Text, e.SubmittedBy),
            new("submitted_at", NpgsqlDbType.TimestampTz, e.SubmittedAt?.ToUniversalTime()),
            new("reviewed_by", NpgsqlDbType.Text, e.ReviewedBy),
            new("reviewed_at", NpgsqlDbType.TimestampTz, e.ReviewedAt?.ToUniversalTime()), new("comment", NpgsqlDbType.Text, e.Comment),
            new("deleted", NpgsqlDbType.Boolean, deleted), new("revision", NpgsqlDbType.Integer, e.Revision), AsOf(at),
        ]);

    public static NpgsqlBatchCommand Settings(string municipality, DateTimeOffset at, IReadOnlyList<string> ratingScale,
        IReadOnlyList<string> directions, int revision) =>
        Upsert("evaluation_settings", ["municipality_code"], listed: false,
        [
            new("municipality_code", NpgsqlDbType.Varchar, municipality),
            new("rating_scale", NpgsqlDbType.Array | NpgsqlDbType.Text, ratingScale.ToArray()),
            new("directions", NpgsqlDbType.Array | NpgsqlDbType.Text, directions.ToArray()),
            new("revision", NpgsqlDbType.Integer, revision), AsOf(at),
        ]);

    public static NpgsqlBatchCommand StaffTime(string municipality, DateTimeOffset at, Guid itemId, int fiscalYear, decimal personYears,
        int revision) =>
        Upsert("staff_times", ["municipality_code", "item_id", "fiscal_year"], listed: false,
        [
            new("municipality_code", NpgsqlDbType.Varchar, municipality), new("item_id", NpgsqlDbType.Uuid, itemId),
            new("fiscal_year", NpgsqlDbType.Integer, fiscalYear), new("person_years", NpgsqlDbType.Numeric, personYears),
            new("revision", NpgsqlDbType.Integer, revision), AsOf(at),
        ]);

    public static NpgsqlBatchCommand StaffUnitCost(string municipality, DateTimeOffset at, int fiscalYear, long yenPerPersonYear,
        int revision) =>
        Upsert("staff_unit_costs", ["municipality_code", "fiscal_year"], listed: false,
        [
            new("municipality_code", NpgsqlDbType.Varchar, municipality), new("fiscal_year", NpgsqlDbType.Integer, fiscalYear),
            new("yen_per_person_year", NpgsqlDbType.Bigint, yenPerPersonYear), new("revision", NpgsqlDbType.Integer, revision), AsOf(at),
        ]);

    public static NpgsqlBatchCommand Adjustment(BudgetLineAdjusted m)
    {
        Column[] columns =
        [
            new("municipality_code", NpgsqlDbType.Varchar, m.MunicipalityCode), new("budget_line_id", NpgsqlDbType.Uuid, m.BudgetLineId),
            new("revision", NpgsqlDbType.Integer, m.Revision), new("item_id", NpgsqlDbType.Uuid, m.ItemId),
            new("fiscal_year", NpgsqlDbType.Integer, m.FiscalYear),
            new("kind", NpgsqlDbType.Text, m.Kind), new("cost_yen", NpgsqlDbType.Bigint, m.Change.CostYen),
            new("national_prefectural_yen", NpgsqlDbType.Bigint, m.Change.NationalPrefecturalYen),
            new("local_bond_yen", NpgsqlDbType.Bigint, m.Change.LocalBondYen),
            new("other_yen", NpgsqlDbType.Bigint, m.Change.OtherYen),
            new("general_revenue_yen", NpgsqlDbType.Bigint, m.Change.GeneralRevenueYen),
            new("counterpart_line_id", NpgsqlDbType.Uuid, m.CounterpartLineId), new("reason", NpgsqlDbType.Text, m.Reason),
            new("by", NpgsqlDbType.Text, m.By), AsOf(m.OccurredAt),
        ];
        return Command($"INSERT INTO budget_adjustments ({Names(columns)}) VALUES ({Values(columns)}) ON CONFLICT DO NOTHING", columns);
    }

    /// <param name="revision">The item's revision the step made (every step of an actual's review raises it).</param>
    public static NpgsqlBatchCommand ActualEntry(string municipality, DateTimeOffset at, Guid itemId, Guid indicatorId, int fiscalYear,
        decimal value, string status, string by, string comment, int revision) =>
        Upsert("actual_entries", ["municipality_code", "indicator_id", "fiscal_year"], listed: false,
        [
            new("municipality_code", NpgsqlDbType.Varchar, municipality), new("indicator_id", NpgsqlDbType.Uuid, indicatorId),
            new("fiscal_year", NpgsqlDbType.Integer, fiscalYear), new("item_id", NpgsqlDbType.Uuid, itemId),
            new("value", NpgsqlDbType.Numeric, value),
            new("status", NpgsqlDbType.Text, status), new("by", NpgsqlDbType.Text, by), new("comment", NpgsqlDbType.Text, comment),
            new("revision", NpgsqlDbType.Integer, revision), AsOf(at),
        ]);

    /// <summary>
    /// Settings as a rebuild lists them, which carry no revision: they replace the row's words
    /// unless an event newer than the list (<paramref name="listedAt"/>) wrote it meanwhile; the
    /// row keeps its revision, so the next change's event still applies.
    /// </summary>
    public static NpgsqlBatchCommand ListedSettings(string municipality, DateTimeOffset listedAt, IReadOnlyList<string> ratingScale,
        IReadOnlyList<string> directions)
    {
        Column[] columns =
        [
            new("municipality_code", NpgsqlDbType.Varchar, municipality),
            new("rating_scale", NpgsqlDbType.Array | NpgsqlDbType.Text, ratingScale.ToArray()),
            new("directions", NpgsqlDbType.Array | NpgsqlDbType.Text, directions.ToArray()),
            new("revision", NpgsqlDbType.Integer, 0), AsOf(listedAt),
        ];
        return Command($"""
            INSERT INTO evaluation_settings AS t ({Names(columns)}) VALUES ({Values(columns)})
            ON CONFLICT (municipality_code) DO UPDATE SET rating_scale = EXCLUDED.rating_scale, directions = EXCLUDED.directions, as_of =
                EXCLUDED.as_of
            WHERE t.as_of <= EXCLUDED.as_of
            """, columns);
    }

    public static NpgsqlBatchCommand Deadline(string municipality, DateTimeOffset at, Guid planId, int fiscalYear, DateOnly dueDate,
        int revision) =>
        Upsert("reporting_deadlines", ["municipality_code", "plan_id", "fiscal_year"], listed: false,
        [
            new("municipality_code", NpgsqlDbType.Varchar, municipality), new("plan_id", NpgsqlDbType.Uuid, planId),
            new("fiscal_year", NpgsqlDbType.Integer, fiscalYear), new("due_date", NpgsqlDbType.Date, dueDate),
            new("revision", NpgsqlDbType.Integer, revision), AsOf(at),
        ]);
}
