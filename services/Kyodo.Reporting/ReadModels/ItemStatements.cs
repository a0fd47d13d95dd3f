using System.Collections;
using Npgsql;
using NpgsqlTypes;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// Item snapshots (<see cref="ItemWrite"/>) written as three statements PostgreSQL runs in one round
/// trip, however many items: the plans' advisory locks (shared, as ReadModelWriter.PlanDeletion
/// explains); the rows inserted or, where a snapshot is newer (or, listed, replaces a tombstone of its
/// revision: see Versioned), updated, tombstoned with their plan when that is deleted; then, for every
/// row that holds its snapshot's revision after that, its contents made the snapshot's in the tables
/// whose digest changed: the rows it no longer holds deleted, the new and the changed ones written, the
/// others left alone (a duplicate changes nothing; an older snapshot touches nothing). The rows are
/// those <see cref="ItemFields"/> and <see cref="RecordContents"/> give (decisions 042, 047 and 048).
/// <para>
/// Why set-based: a profile of the national backlog drain found PostgreSQL's work on the item events
/// what the drain waits on, and most of it per statement rather than per row: each statement's
/// start-up and its firing of the change-stamp triggers (MunicipalityStampTriggers), which cost a
/// batch of 64 item events over a quarter of its time when each event had statements of its own. Group
/// commit (Consumers.GroupCommit) hands in every item event of its batch at once.
/// </para>
/// </summary>
public static class ItemStatements
{
    // The items' own columns, as the JSON of ItemWrite.Row names them, with their types.
    private static readonly string[] ItemColumns =
    [
        "plan_id uuid", "lead_department_id uuid", "primary_node_id uuid", "title text", "novelty text", "implementing_bodies text[]",
        "target_stakeholders text[]", "target_other text", "purpose text", "current_state text", "content text",
        "completion_criterion text", "expected_effects text", "rank integer", "rank_of integer", "mayoral_pledge text",
        "linked_plans text[]", "special_notes text",
    ];

    // Each content table: its parameter, the columns after municipality_code that with it make its primary key, its columns after
    // (municipality_code, item_id), and an item's rows of it. An indicator's key is its own id: the item is one of its columns.
    private static readonly ContentTable[] Contents =
    [
        new("item_departments", "departments", ["item_id", "position"], ["position integer", "department_id uuid", "name text"],
            c => c.Departments),
        new("item_placements", "placements", ["item_id", "position"],
            ["position integer", "node_id uuid", "code text", "is_primary boolean", "reference text"], c => c.Placements),
        new("item_schedule_cells", "cells", ["item_id", "fiscal_year", "\"row\""],
            ["fiscal_year integer", "\"row\" integer", "row_label text", "stages text[]"], c => c.Schedule),
        new("item_yearly_goals", "goals", ["item_id", "fiscal_year"], ["fiscal_year integer", "text text"], c => c.YearlyGoals),
        new("indicators", "indicators", ["indicator_id"], ["indicator_id uuid", "position integer", "kind text", "name text", "unit text",
            "direction text", "baseline_value numeric", "baseline_fiscal_year integer"], c => c.Indicators),
        new("indicator_values", "values", ["item_id", "indicator_id", "fiscal_year"],
            ["indicator_id uuid", "fiscal_year integer", "direction text", "target numeric", "actual numeric"], c => c.Values),
    ];

    /// <summary>An item's content rows per table, in the order <see cref="ItemWrite.Contents"/> keeps them.</summary>
    internal static IEnumerable<IList> ContentRowsOf(ItemContentRows contents) => Contents.Select(c => c.Rows(contents));

    private static string Name(string column) => column[..column.LastIndexOf(' ')]; // "title text" → title
    private static string Names(IEnumerable<string> columns) => string.Join(", ", columns.Select(Name));
    private static string Prefixed(IEnumerable<string> columns) => Prefixed("x", columns.Select(Name));
    private static string Prefixed(string alias, IEnumerable<string> names) => string.Join(", ", names.Select(n => $"{alias}.{n}"));

    // Each item's row keeps a digest of its rows in each content table (content_digests, in the order of Contents) and which tables
    // its last change changed (contents_changed): the contents statement then leaves alone the tables an event did not change. An
    // update of an item seldom changes more than a table or two (the national drain's: its schedule and an actual), and comparing the
    // unchanged tables row by row was a third of the contents statement. The comparison is made here, where the row's old digests
    // are still at hand. A new row (and one written before the digests, NULL) has every table written. A duplicate keeps the flags
    // of the change that wrote its revision: those tables are compared again and found equal.
    private static readonly string Upsert = $"""
        WITH digests AS (
            SELECT k.municipality_code, k.item_id, @digests[(k.n - 1) * {Contents.Length} + 1 : k.n * {Contents.Length}] AS digests
            FROM unnest(@municipalities, @ids) WITH ORDINALITY AS k(municipality_code, item_id, n))
        INSERT INTO items AS i (municipality_code, item_id, {Names(ItemColumns)}, deleted, deleted_with_plan_revision, revision, as_of,
            content_digests)
        SELECT x.municipality_code, x.item_id, {Prefixed(ItemColumns)},
            tombstone.revision IS NOT NULL, tombstone.revision, x.revision, x.as_of, d.digests
        FROM json_to_recordset(@items) AS x(municipality_code text, item_id uuid, {string.Join(", ", ItemColumns)}, revision integer,
            as_of timestamptz)
        JOIN digests d ON d.municipality_code = x.municipality_code AND d.item_id = x.item_id
        LEFT JOIN plans tombstone
            ON tombstone.municipality_code = x.municipality_code AND tombstone.plan_id = x.plan_id AND tombstone.deleted
        ON CONFLICT (municipality_code, item_id) DO UPDATE SET
            {string.Join(", ", ItemColumns.Select(Name).Concat(["deleted", "deleted_with_plan_revision", "revision", "as_of"])
                .Select(c => $"{c} = EXCLUDED.{c}"))},
            contents_changed = ARRAY[{string.Join(", ", Contents.Select((_, k) =>
                $"i.content_digests[{k + 1}] IS DISTINCT FROM EXCLUDED.content_digests[{k + 1}]"))}],
            content_digests = EXCLUDED.content_digests
        WHERE i.revision < EXCLUDED.revision OR (i.revision = EXCLUDED.revision AND @listed AND i.deleted)
        """;

    // The written items whose row holds their snapshot's revision (newly, or already: a duplicate), and which of their content
    // tables to write (NULL: all).
    private const string Revised = """
        revised AS MATERIALIZED (
            SELECT i.municipality_code, i.item_id, i.contents_changed
            FROM unnest(@municipalities, @ids, @revisions) AS k(municipality_code, item_id, revision)
            JOIN items i ON i.municipality_code = k.municipality_code AND i.item_id = k.item_id AND i.revision = k.revision)
        """;

    // Per content table, the revised items' stored rows are read once, by the item (a range of the primary key), and set against
    // the snapshots' rows by key: a stored row no snapshot row matches is deleted, a snapshot row no stored row matches is inserted,
    // a pair that differs is updated, a pair as it was is not touched. Most events change a few of an item's rows (a cell, an
    // actual), and rewriting all of them was most of PostgreSQL's work in the national drain: every row's delete and insert, their
    // index entries and dead tuples. The sets meet in a FULL JOIN, which PostgreSQL runs only as a hash or merge join: the planner
    // takes a CTE for one row, and a join it may run as a nested loop ran every stored row against every new one (a third of the
    // statement's time at 20 items a batch, with NOT EXISTS). Reading the stored rows once replaced two reads of them, a range for
    // the rows gone and a descent of the key per snapshot row for the rows changed: index descents were a fifth of PostgreSQL's
    // work in the drain's profile.
    // A deleted or changed row is written where the read found it (its ctid), not found again by its key. The ctid is still the
    // row's when the write runs: an item's content rows are written only here, after the items statement has locked the item's row
    // for the transaction (ON CONFLICT locks the row it finds, updated or not; a new row is this transaction's own), so nobody else
    // changes them in between. A new row is inserted ON CONFLICT (an indicator's key is its own id: it may be stored under another
    // item). The data-modifying WITHs run whether read or not, and touch apart sets of rows.
    // A table no revised item writes has its rows' JSON left unread: json_to_recordset parses the whole parameter before the
    // join sees its first row, and most batches change two of the six tables (the EXISTS runs once, before the scan).
    // The municipalities whose content rows changed get their change stamp here, not by the tables' triggers
    // (MunicipalityStampTriggers.ItemContentTables): one upsert a statement instead of a trigger per table and kind of change.
    private static readonly string WriteContents = $"WITH {Revised},\n" + string.Join(",\n", Contents.Select((c, i) => $"""
        new_{i} AS MATERIALIZED (
            SELECT x.* FROM json_to_recordset(@{c.Parameter}) AS x(municipality_code text, item_id uuid, {string.Join(", ", c.Columns)})
            JOIN revised r ON r.municipality_code = x.municipality_code AND r.item_id = x.item_id AND {Writes(i)}
            WHERE EXISTS (SELECT FROM revised r WHERE {Writes(i)})),
        stored_{i} AS MATERIALIZED (
            SELECT o.ctid AS stored, o.municipality_code::text, o.item_id, {Prefixed("o", c.Columns.Select(Name))} FROM {c.Table} o
            JOIN revised r ON r.municipality_code = o.municipality_code AND r.item_id = o.item_id AND {Writes(i)}),
        compared_{i} AS MATERIALIZED (
            SELECT o.stored, x.* FROM new_{i} x FULL JOIN stored_{i} o ON {Matching("o", "x", c.Key)}
            WHERE x.municipality_code IS NULL OR o.municipality_code IS NULL OR {Differs("o", "x", c.Columns)}),
        deleted_{i} AS (DELETE FROM {c.Table} t USING compared_{i} x WHERE t.ctid = x.stored AND x.municipality_code IS NULL
            RETURNING t.municipality_code),
        updated_{i} AS (UPDATE {c.Table} t SET {string.Join(", ", c.Updated.Select(n => $"{n} = x.{n}"))}
            FROM compared_{i} x WHERE t.ctid = x.stored AND x.municipality_code IS NOT NULL
            RETURNING t.municipality_code),
        inserted_{i} AS (INSERT INTO {c.Table} AS t (municipality_code, item_id, {Names(c.Columns)})
            SELECT x.municipality_code, x.item_id, {Prefixed(c.Columns)} FROM compared_{i} x WHERE x.stored IS NULL
            ON CONFLICT (municipality_code, {string.Join(", ", c.Key)}) DO UPDATE SET
                {string.Join(", ", c.Updated.Select(n => $"{n} = EXCLUDED.{n}"))}
            RETURNING t.municipality_code)
        """)) + $"""
        ,
        stamped AS (INSERT INTO municipality_stamps AS s (municipality_code, stamp)
            SELECT DISTINCT municipality_code, 1 FROM (
                {string.Join("\n        UNION ALL ", Contents.SelectMany((_, i) =>
                    new[] { "deleted", "updated", "inserted" }.Select(n => $"SELECT municipality_code FROM {n}_{i}")))}) AS changed
            ORDER BY municipality_code
            ON CONFLICT (municipality_code) DO UPDATE SET stamp = s.stamp + 1)
        SELECT 1
        """;

    // Whether the revised item r has its rows of content table i written.
    private static string Writes(int table) => $"r.contents_changed[{table + 1}] IS NOT FALSE";

    private static string Matching(string a, string b, IEnumerable<string> key) =>
        string.Join(" AND ", key.Prepend("municipality_code").Select(n => $"{a}.{n} = {b}.{n}"));

    private static string Differs(string a, string b, IEnumerable<string> columns)
    {
        string Values(string alias) => string.Join(", ", new[] { "item_id uuid" }.Concat(columns).Select(c => Compared(alias, c)));
        return $"({Values(a)}) IS DISTINCT FROM ({Values(b)})";
    }

    // Numbers compared as written: 1.0 and 1.00 are equal numerics, but a report shows the one the plan holds.
    private static string Compared(string alias, string column) =>
        column.EndsWith(" numeric", StringComparison.Ordinal) ? $"{alias}.{Name(column)}::text" : $"{alias}.{Name(column)}";

    /// <summary>The statements, in order, for <paramref name="writes"/>; <paramref name="listed"/> when they come from the services'
    /// lists (a rebuild). Of one item's snapshots only the highest revision is written (the first of equals, as one after another
    /// would leave it), since one statement may not change a row twice.</summary>
    public static IEnumerable<NpgsqlBatchCommand> For(IEnumerable<ItemWrite> writes, bool listed)
    {
        var kept = writes.GroupBy(w => (w.Municipality, w.ItemId)).Select(g => g.MaxBy(w => w.Revision)!).ToList();
        if (kept.Count == 0) yield break;
        yield return Command("SELECT pg_advisory_xact_lock_shared(@class, key) FROM unnest(@keys) AS key",
            new("class", NpgsqlDbType.Integer) { Value = ReadModelWriter.PlanLockClass },
            new("keys", NpgsqlDbType.Array | NpgsqlDbType.Integer)
            { Value = kept.Select(w => ReadModelWriter.PlanLockKey(w.PlanId)).Distinct().Order().ToArray() });
        // A parameter belongs to one command: each command gets its own.
        NpgsqlParameter[] Keys() =>
        [
            new("municipalities", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = kept.Select(w => w.Municipality).ToArray() },
            new("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = kept.Select(w => w.ItemId).ToArray() },
        ];
        yield return Command(Upsert,
        [
            Json("items", kept.Select(w => w.Row)), new("listed", NpgsqlDbType.Boolean) { Value = listed }, .. Keys(),
            new("digests", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = kept.SelectMany(w => w.Digests).ToArray() },
        ]);
        yield return Command(WriteContents,
        [
            .. Keys(),
            new("revisions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = kept.Select(w => w.Revision).ToArray() },
            .. Contents.Select((c, i) => Json(c.Parameter, kept.Select(w => w.Contents[i]).Where(o => o.Length > 0)))]);
    }

    /// <summary>One item's statements (the rebuild's, and a message's run again alone).</summary>
    public static IEnumerable<NpgsqlBatchCommand> For(ItemWrite write, bool listed) => For([write], listed);

    private static NpgsqlParameter Json(string name, IEnumerable<string> objects) =>
        new(name, NpgsqlDbType.Json) { Value = "[" + string.Join(",", objects) + "]" };

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <param name="Key">The columns after municipality_code of the table's primary key.</param>
    /// <param name="Columns">The columns after (municipality_code, item_id), with their types, as ItemWrite's JSON names them.</param>
    private sealed record ContentTable(string Table, string Parameter, string[] Key, string[] Columns, Func<ItemContentRows, IList> Rows)
    {
        /// <summary>What an upsert sets on a row whose key it found: every column outside the key.</summary>
        public IEnumerable<string> Updated => new[] { "item_id" }.Concat(Columns.Select(Name)).Except(Key);
    }
}
