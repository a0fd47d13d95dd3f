using System.Text.Json;
using Kyodo.Contracts.Plan;
using Npgsql;
using NpgsqlTypes;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// An item snapshot written as statements PostgreSQL runs in one round trip: the plan's advisory
/// lock (shared, as ReadModelWriter.PlanDeletion explains), the row inserted or, when the snapshot
/// is newer (or, listed, replaces a tombstone of its revision: see Versioned), updated, tombstoned
/// with its plan when that is deleted; then its contents replaced, if the row holds the snapshot's
/// revision after that (a duplicate rewrites the same rows; an older snapshot touches nothing). The
/// rows are those <see cref="ItemFields"/> and <see cref="RecordContents"/> give. Profiling showed
/// the consumers waiting on seven round trips per item event (EF's reads, deletes, saves), not on
/// PostgreSQL's work, which is about a millisecond; once they were one, that work was what the
/// backlog drain waited on, hence four statements (the lock, the row, the contents' deletes, their inserts).
/// </summary>
public static class ItemStatements
{
    private const string Revised = "EXISTS (SELECT 1 FROM items WHERE municipality_code = @m AND item_id = @id AND revision = @revision)";

    private static readonly string[] Contents =
        ["item_departments", "item_placements", "item_schedule_cells", "item_yearly_goals", "indicators", "indicator_values"];

    private const string Upsert = """
        INSERT INTO items AS i (municipality_code, item_id, plan_id, lead_department_id, primary_node_id, title, novelty,
            implementing_bodies, target_stakeholders,
            target_other, purpose, current_state, content, completion_criterion, expected_effects, rank, rank_of, mayoral_pledge,
                linked_plans, special_notes,
            deleted, deleted_with_plan_revision, revision, as_of)
        SELECT @m, @id, @plan, @lead, @node, @title, @novelty, @bodies, @stakeholders, @other, @purpose, @state, @content, @criterion,
            @effects, @rank, @rank_of,
            @pledge, @linked, @notes, tombstone.revision IS NOT NULL, tombstone.revision, @revision, @at
        FROM (SELECT (SELECT revision FROM plans WHERE municipality_code = @m AND plan_id = @plan AND deleted) AS revision) tombstone
        ON CONFLICT (municipality_code, item_id) DO UPDATE SET
            plan_id = EXCLUDED.plan_id, lead_department_id = EXCLUDED.lead_department_id, primary_node_id = EXCLUDED.primary_node_id, title
                = EXCLUDED.title,
            novelty = EXCLUDED.novelty, implementing_bodies = EXCLUDED.implementing_bodies, target_stakeholders =
                EXCLUDED.target_stakeholders,
            target_other = EXCLUDED.target_other, purpose = EXCLUDED.purpose, current_state = EXCLUDED.current_state, content =
                EXCLUDED.content,
            completion_criterion = EXCLUDED.completion_criterion, expected_effects = EXCLUDED.expected_effects, rank = EXCLUDED.rank,
                rank_of = EXCLUDED.rank_of,
            mayoral_pledge = EXCLUDED.mayoral_pledge, linked_plans = EXCLUDED.linked_plans, special_notes = EXCLUDED.special_notes, deleted
                = EXCLUDED.deleted,
            deleted_with_plan_revision = EXCLUDED.deleted_with_plan_revision, revision = EXCLUDED.revision, as_of = EXCLUDED.as_of
        WHERE i.revision < EXCLUDED.revision OR (i.revision = EXCLUDED.revision AND @listed AND i.deleted)
        """;

    // The contents' parameters, in the order of Inserts.
    private static readonly string[] ContentNames = ["departments", "placements", "cells", "goals", "indicators", "values"];

    private static readonly string[] Inserts =
    [
        $"""
        INSERT INTO item_departments (municipality_code, item_id, position, department_id, name)
        SELECT @m, @id, x.position, x.department_id, x.name FROM jsonb_to_recordset(@departments) AS x(position integer, department_id uuid,
            name text) WHERE {Revised}
        """,
        $"""
        INSERT INTO item_placements (municipality_code, item_id, position, node_id, code, is_primary, reference)
        SELECT @m, @id, x.position, x.node_id, x.code, x.is_primary, x.reference
        FROM jsonb_to_recordset(@placements) AS x(position integer, node_id uuid, code text, is_primary boolean, reference text) WHERE
            {Revised}
        """,
        $"""
        INSERT INTO item_schedule_cells (municipality_code, item_id, fiscal_year, "row", row_label, stages)
        SELECT @m, @id, x.fiscal_year, x."row", x.row_label, x.stages
        FROM jsonb_to_recordset(@cells) AS x(fiscal_year integer, "row" integer, row_label text, stages text[]) WHERE {Revised}
        """,
        $"""
        INSERT INTO item_yearly_goals (municipality_code, item_id, fiscal_year, text)
        SELECT @m, @id, x.fiscal_year, x.text FROM jsonb_to_recordset(@goals) AS x(fiscal_year integer, text text) WHERE {Revised}
        """,
        $"""
        INSERT INTO indicators (municipality_code, indicator_id, item_id, position, kind, name, unit, direction, baseline_value,
            baseline_fiscal_year)
        SELECT @m, x.indicator_id, @id, x.position, x.kind, x.name, x.unit, x.direction, x.baseline_value, x.baseline_fiscal_year
        FROM jsonb_to_recordset(@indicators) AS x(indicator_id uuid, position integer, kind text, name text, unit text, direction text,
            baseline_value numeric,
            baseline_fiscal_year integer) WHERE {Revised}
        """,
        $"""
        INSERT INTO indicator_values (municipality_code, item_id, indicator_id, fiscal_year, direction, target, actual)
        SELECT @m, @id, x.indicator_id, x.fiscal_year, x.direction, x.target, x.actual
        FROM jsonb_to_recordset(@values) AS x(indicator_id uuid, fiscal_year integer, direction text, target numeric, actual numeric) WHERE
            {Revised}
        """,
    ];

    // Each content table's rows deleted in one statement, then inserted in one: two statements, not twelve. A
    // profile of the backlog drain found PostgreSQL's work on the item events what the drain waits on, and
    // every statement costs its own start-up and its own firing of the change-stamp triggers. Deletes and
    // inserts stay apart: the sub-statements of one WITH run on one snapshot, in no set order, and the
    // new rows reuse the old ones' keys. A data-modifying WITH always runs to completion, read or not.
    private static readonly string DeleteContents = "WITH " + string.Join(",\n", Contents.Select((table, i) =>
        $"deleted_{i} AS (DELETE FROM {table} WHERE municipality_code = @m AND item_id = @id AND {Revised})")) + "\nSELECT 1";

    private static readonly string InsertContents =
        "WITH " + string.Join(",\n", Inserts.Select((insert, i) => $"inserted_{i} AS ({insert})")) + "\nSELECT 1";

    /// <summary>The statements, in order, for <paramref name="item"/> of <paramref name="municipality"/> as of
    /// <paramref name="at"/>.</summary>
    public static IEnumerable<NpgsqlBatchCommand> For(string municipality, DateTimeOffset at, ItemSnapshot item, bool listed)
    {
        var row = new ItemRow();
        ItemFields.Apply(row, item);
        var contents = RecordContents.Item(municipality, item);
        NpgsqlParameter[] Common() =>
        [
            new("m", NpgsqlDbType.Varchar) { Value = municipality }, new("id", NpgsqlDbType.Uuid) { Value = item.ItemId },
            new("revision", NpgsqlDbType.Integer) { Value = item.Revision },
        ];

        yield return Command("SELECT pg_advisory_xact_lock_shared(@class, @key)",
            new("class", NpgsqlDbType.Integer) { Value = ReadModelWriter.PlanLockClass },
            new("key", NpgsqlDbType.Integer) { Value = ReadModelWriter.PlanLockKey(item.PlanId) });
        yield return Command(Upsert,
        [
            .. Common(), new("plan", NpgsqlDbType.Uuid) { Value = row.PlanId }, Nullable("lead", NpgsqlDbType.Uuid, row.LeadDepartmentId),
            Nullable("node", NpgsqlDbType.Uuid, row.PrimaryNodeId), Text("title", row.Title), Text("novelty", row.Novelty),
            Texts("bodies", row.ImplementingBodies), Texts("stakeholders", row.TargetStakeholders), Text("other", row.TargetOther),
            Text("purpose", row.Purpose),
            Text("state", row.CurrentState), Text("content", row.Content), Text("criterion", row.CompletionCriterion),
            Text("effects", row.ExpectedEffects),
            Nullable("rank", NpgsqlDbType.Integer, row.Rank), Nullable("rank_of", NpgsqlDbType.Integer, row.RankOf),
            Text("pledge", row.MayoralPledge),
            Texts("linked", row.LinkedPlans), Text("notes", row.SpecialNotes), new("listed", NpgsqlDbType.Boolean) { Value = listed },
            new("at", NpgsqlDbType.TimestampTz) { Value = at.ToUniversalTime() },
        ]);
        yield return Command(DeleteContents, Common());
        object[] json =
        [
            contents.Departments.Select(d => new { position = d.Position, department_id = d.DepartmentId, name = d.Name }),
            contents.Placements.Select(
                p => new { position = p.Position, node_id = p.NodeId, code = p.Code, is_primary = p.IsPrimary, reference = p.Reference }),
            contents.Schedule.Select(c => new { fiscal_year = c.FiscalYear, row = c.Row, row_label = c.RowLabel, stages = c.Stages }),
            contents.YearlyGoals.Select(g => new { fiscal_year = g.FiscalYear, text = g.Text }),
            contents.Indicators.Select(x => new
            {
                indicator_id = x.IndicatorId, position = x.Position, kind = x.Kind, name = x.Name, unit = x.Unit, direction = x.Direction,
                baseline_value = x.BaselineValue, baseline_fiscal_year = x.BaselineFiscalYear,
            }),
            contents.Values.Select(v => new { indicator_id = v.IndicatorId, fiscal_year = v.FiscalYear, direction = v.Direction,
                target = v.Target, actual = v.Actual }),
        ];
        yield return Command(InsertContents, [.. Common(), .. ContentNames.Select((name, i) =>
            new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(json[i]) })]);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string name, string value) => new(name, NpgsqlDbType.Text) { Value = value };
    private static NpgsqlParameter Texts(string name, List<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
    private static NpgsqlParameter Nullable<T>(string name, NpgsqlDbType type, T? value) where T : struct =>
        new(name, type) { Value = value is { } v ? v : DBNull.Value };
}
