namespace Kyodo.Reporting.Data.Migrations;

/// <summary>
/// MunicipalityStamps' SQL: the change stamp of each municipality, bumped by PostgreSQL itself in
/// the transaction of every statement that changes a read-model row the kept figures
/// (Reports/KeptFigures.cs) are computed from. Statement-level AFTER triggers with transition tables,
/// not a call in each writer: the consumers' group commit, the EF writers, the rebuild, plan
/// deletion and the benchmark's COPY all write these tables, and a trigger is the one place none of
/// them (nor a writer added later) can forget. One INSERT … ON CONFLICT per statement, for the
/// distinct municipalities the statement touched, in code order (docs/decisions/040-figures-kept-by-municipality-stamp.md).
/// One exception since decision 047: an item's content tables (<see cref="ItemContentTables"/>) are stamped by the one statement
/// that writes them.
/// PostgreSQL 15 allows a transition table only on a single-event trigger, hence three triggers a
/// table (INSERT and UPDATE read the new rows, DELETE the old); TRUNCATE has no transition table and
/// bumps every municipality.
/// </summary>
internal static class MunicipalityStampTriggers
{
    /// <summary>Every table SummaryFigures, StageVocabulary, PlanStructure and AreaReports read for a municipality's figures.</summary>
    public static readonly string[] Tables =
    [
        "plans", "plan_nodes", "items", "item_placements", "item_schedule_cells", "budget_lines", "reservations", "subsidy_programs",
        "program_budget_lines", "subsidy_applications", "indicators", "indicator_values", "actual_entries", "reporting_deadlines",
        "staff_times", "staff_unit_costs",
    ];

    public const string CreateTables = """
        -- A municipality's stamp: bumped with every change of its rows. No row reads as 0 (nothing changed since stamps began).
        CREATE TABLE municipality_stamps (
            municipality_code character varying(5) PRIMARY KEY,
            stamp bigint NOT NULL
        );
        -- Figures kept per municipality and scope (the canonical text of what they depend on), valid while the stamp is current.
        CREATE TABLE municipality_figures (
            municipality_code character varying(5) NOT NULL,
            scope text NOT NULL,
            stamp bigint NOT NULL,
            report_day date NOT NULL,
            computed_at timestamp with time zone NOT NULL,
            figures jsonb NOT NULL,
            CONSTRAINT "PK_municipality_figures" PRIMARY KEY (municipality_code, scope)
        );
        CREATE FUNCTION stamp_changed_municipalities() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO municipality_stamps AS s (municipality_code, stamp)
            SELECT DISTINCT municipality_code, 1 FROM changed ORDER BY municipality_code
            ON CONFLICT (municipality_code) DO UPDATE SET stamp = s.stamp + 1;
            RETURN NULL;
        END $$;
        CREATE FUNCTION stamp_every_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE municipality_stamps SET stamp = stamp + 1;
            RETURN NULL;
        END $$;
        """;

    /// <summary>
    /// An item's content tables: since migration ItemContentsStampedByTheirStatement their rows are stamped by the one statement
    /// that writes them (ReadModels/ItemStatements.cs), in a CTE, and only TRUNCATE keeps its trigger here. The national drain's
    /// profile found the statement-level triggers of these four tables a tenth of PostgreSQL's work: each firing starts an executor
    /// and an upsert, twelve firings a batch; one upsert in the statement does the same (docs/decisions/047-item-contents-stamped-by-their-statement.md).
    /// </summary>
    public static readonly string[] ItemContentTables = ["item_placements", "item_schedule_cells", "indicators", "indicator_values"];

    /// <summary>The triggers of one table.</summary>
    public static string CreateTriggers(string table) => CreateRowTriggers(table) + $"""

        CREATE TRIGGER stamp_truncated AFTER TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION stamp_every_municipality();
        """;

    /// <summary>The triggers of one table that stamp the municipalities of the rows a statement inserted, updated or deleted.</summary>
    public static string CreateRowTriggers(string table) => $"""
        CREATE TRIGGER stamp_inserted AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION stamp_changed_municipalities();
        CREATE TRIGGER stamp_updated AFTER UPDATE ON {table} REFERENCING NEW TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION stamp_changed_municipalities();
        CREATE TRIGGER stamp_deleted AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION stamp_changed_municipalities();
        """;

    /// <summary>
    /// A stamp row for every municipality the tables already hold, so a TRUNCATE (which bumps the rows
    /// there are) reaches them too. Each table's municipalities by a skip scan of its
    /// municipality-first primary key: one index probe per municipality, not a read of the table
    /// (a kept national benchmark database holds 16.8 million rows).
    /// </summary>
    public static string Fill(string table) => $"""
        INSERT INTO municipality_stamps (municipality_code, stamp)
        WITH RECURSIVE codes(code) AS (
            (SELECT municipality_code FROM {table} ORDER BY municipality_code LIMIT 1)
            UNION ALL
            SELECT (SELECT municipality_code FROM {table} WHERE municipality_code > codes.code ORDER BY municipality_code LIMIT 1)
            FROM codes WHERE codes.code IS NOT NULL
        )
        SELECT code, 0 FROM codes WHERE code IS NOT NULL
        ON CONFLICT DO NOTHING;
        """;

    public static string DropTriggers(string table) => DropRowTriggers(table) + $"""

        DROP TRIGGER stamp_truncated ON {table};
        """;

    public static string DropRowTriggers(string table) => $"""
        DROP TRIGGER stamp_inserted ON {table};
        DROP TRIGGER stamp_updated ON {table};
        DROP TRIGGER stamp_deleted ON {table};
        """;

    public const string DropTables = """
        DROP FUNCTION stamp_changed_municipalities();
        DROP FUNCTION stamp_every_municipality();
        DROP TABLE municipality_figures;
        DROP TABLE municipality_stamps;
        """;
}
