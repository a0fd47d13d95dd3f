using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class RelationalReadModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_subsidy_programs",
                table: "subsidy_programs");

            migrationBuilder.DropIndex(
                name: "IX_subsidy_programs_municipality_code",
                table: "subsidy_programs");

            migrationBuilder.DropPrimaryKey(
                name: "PK_subsidy_applications",
                table: "subsidy_applications");

            migrationBuilder.DropIndex(
                name: "IX_subsidy_applications_municipality_code",
                table: "subsidy_applications");

            migrationBuilder.DropPrimaryKey(
                name: "PK_reservations",
                table: "reservations");

            migrationBuilder.DropIndex(
                name: "IX_reservations_budget_line_id",
                table: "reservations");

            migrationBuilder.DropIndex(
                name: "IX_reservations_municipality_code",
                table: "reservations");

            migrationBuilder.DropPrimaryKey(
                name: "PK_priority_goals",
                table: "priority_goals");

            migrationBuilder.DropIndex(
                name: "IX_priority_goals_municipality_code",
                table: "priority_goals");

            migrationBuilder.DropPrimaryKey(
                name: "PK_plans",
                table: "plans");

            migrationBuilder.DropIndex(
                name: "IX_plans_municipality_code",
                table: "plans");

            migrationBuilder.DropPrimaryKey(
                name: "PK_plan_nodes",
                table: "plan_nodes");

            migrationBuilder.DropIndex(
                name: "IX_plan_nodes_municipality_code",
                table: "plan_nodes");

            migrationBuilder.DropIndex(
                name: "IX_plan_nodes_plan_id",
                table: "plan_nodes");

            migrationBuilder.DropPrimaryKey(
                name: "PK_items",
                table: "items");

            migrationBuilder.DropIndex(
                name: "IX_items_municipality_code",
                table: "items");

            migrationBuilder.DropIndex(
                name: "IX_items_plan_id",
                table: "items");

            migrationBuilder.DropPrimaryKey(
                name: "PK_departments",
                table: "departments");

            migrationBuilder.DropIndex(
                name: "IX_departments_municipality_code",
                table: "departments");

            migrationBuilder.DropPrimaryKey(
                name: "PK_budget_lines",
                table: "budget_lines");

            migrationBuilder.DropIndex(
                name: "IX_budget_lines_item_id",
                table: "budget_lines");

            migrationBuilder.DropIndex(
                name: "IX_budget_lines_municipality_code",
                table: "budget_lines");

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "subsidy_programs",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(5)",
                oldFixedLength: true,
                oldMaxLength: 5);

            migrationBuilder.AddColumn<string>(
                name: "description",
                table: "subsidy_programs",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<long>(
                name: "requested_yen",
                table: "subsidy_applications",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "subsidy_applications",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(5)",
                oldFixedLength: true,
                oldMaxLength: 5);

            migrationBuilder.AddColumn<string>(
                name: "project_kind",
                table: "subsidy_applications",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "round",
                table: "subsidy_applications",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "reservations",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(5)",
                oldFixedLength: true,
                oldMaxLength: 5);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "priority_goals",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(5)",
                oldFixedLength: true,
                oldMaxLength: 5);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "plans",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(5)",
                oldFixedLength: true,
                oldMaxLength: 5);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "plan_nodes",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(5)",
                oldFixedLength: true,
                oldMaxLength: 5);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "items",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(5)",
                oldFixedLength: true,
                oldMaxLength: 5);

            migrationBuilder.AddColumn<string>(
                name: "completion_criterion",
                table: "items",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "content",
                table: "items",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "current_state",
                table: "items",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "expected_effects",
                table: "items",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<List<string>>(
                name: "implementing_bodies",
                table: "items",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<List<string>>(
                name: "linked_plans",
                table: "items",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "mayoral_pledge",
                table: "items",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "novelty",
                table: "items",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "primary_node_id",
                table: "items",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "purpose",
                table: "items",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "rank",
                table: "items",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rank_of",
                table: "items",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "special_notes",
                table: "items",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "target_other",
                table: "items",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<List<string>>(
                name: "target_stakeholders",
                table: "items",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "departments",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(5)",
                oldFixedLength: true,
                oldMaxLength: 5);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "budget_lines",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character(5)",
                oldFixedLength: true,
                oldMaxLength: 5);

            migrationBuilder.AddColumn<int>(
                name: "supplementary_number",
                table: "budget_lines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_subsidy_programs",
                table: "subsidy_programs",
                columns: new[] { "municipality_code", "program_id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_subsidy_applications",
                table: "subsidy_applications",
                columns: new[] { "municipality_code", "application_id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_reservations",
                table: "reservations",
                columns: new[] { "municipality_code", "reservation_id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_priority_goals",
                table: "priority_goals",
                columns: new[] { "municipality_code", "goal_id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_plans",
                table: "plans",
                columns: new[] { "municipality_code", "plan_id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_plan_nodes",
                table: "plan_nodes",
                columns: new[] { "municipality_code", "node_id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_items",
                table: "items",
                columns: new[] { "municipality_code", "item_id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_departments",
                table: "departments",
                columns: new[] { "municipality_code", "department_id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_budget_lines",
                table: "budget_lines",
                columns: new[] { "municipality_code", "budget_line_id" });

            migrationBuilder.CreateTable(
                name: "indicator_values",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    indicator_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    direction = table.Column<string>(type: "text", nullable: false),
                    target = table.Column<decimal>(type: "numeric", nullable: true),
                    actual = table.Column<decimal>(type: "numeric", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_values", x => new { x.municipality_code, x.item_id, x.indicator_id, x.fiscal_year });
                });

            migrationBuilder.CreateTable(
                name: "indicators",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    indicator_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    unit = table.Column<string>(type: "text", nullable: false),
                    direction = table.Column<string>(type: "text", nullable: false),
                    baseline_value = table.Column<decimal>(type: "numeric", nullable: true),
                    baseline_fiscal_year = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicators", x => new { x.municipality_code, x.indicator_id });
                });

            migrationBuilder.CreateTable(
                name: "item_departments",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_departments", x => new { x.municipality_code, x.item_id, x.position });
                });

            migrationBuilder.CreateTable(
                name: "item_placements",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    node_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "text", nullable: false),
                    is_primary = table.Column<bool>(type: "boolean", nullable: false),
                    reference = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_placements", x => new { x.municipality_code, x.item_id, x.position });
                });

            migrationBuilder.CreateTable(
                name: "item_schedule_cells",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row = table.Column<int>(type: "integer", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    row_label = table.Column<string>(type: "text", nullable: false),
                    stages = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_schedule_cells", x => new { x.municipality_code, x.item_id, x.fiscal_year, x.row });
                });

            migrationBuilder.CreateTable(
                name: "item_yearly_goals",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_yearly_goals", x => new { x.municipality_code, x.item_id, x.fiscal_year });
                });

            migrationBuilder.CreateTable(
                name: "priority_goal_items",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    goal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    target = table.Column<string>(type: "text", nullable: false),
                    achievement = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_priority_goal_items", x => new { x.municipality_code, x.goal_id, x.position });
                });

            migrationBuilder.CreateTable(
                name: "program_budget_lines",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    program_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    budget_line_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_budget_lines", x => new { x.municipality_code, x.program_id, x.fiscal_year });
                });

            migrationBuilder.CreateTable(
                name: "subsidy_courses",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    program_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    cap_yen = table.Column<long>(type: "bigint", nullable: false),
                    once_per_applicant = table.Column<bool>(type: "boolean", nullable: false),
                    rounds_per_year = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subsidy_courses", x => new { x.municipality_code, x.course_id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_subsidy_applications_municipality_code_fiscal_year",
                table: "subsidy_applications",
                columns: new[] { "municipality_code", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "IX_reservations_municipality_code_budget_line_id",
                table: "reservations",
                columns: new[] { "municipality_code", "budget_line_id" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_nodes_municipality_code_parent_id",
                table: "plan_nodes",
                columns: new[] { "municipality_code", "parent_id" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_nodes_municipality_code_plan_id",
                table: "plan_nodes",
                columns: new[] { "municipality_code", "plan_id" });

            migrationBuilder.CreateIndex(
                name: "IX_items_municipality_code_plan_id",
                table: "items",
                columns: new[] { "municipality_code", "plan_id" });

            migrationBuilder.CreateIndex(
                name: "IX_budget_lines_municipality_code_item_id_fiscal_year",
                table: "budget_lines",
                columns: new[] { "municipality_code", "item_id", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "IX_indicators_municipality_code_item_id",
                table: "indicators",
                columns: new[] { "municipality_code", "item_id" });

            migrationBuilder.CreateIndex(
                name: "IX_item_departments_municipality_code_department_id",
                table: "item_departments",
                columns: new[] { "municipality_code", "department_id" });

            migrationBuilder.CreateIndex(
                name: "IX_item_placements_municipality_code_node_id",
                table: "item_placements",
                columns: new[] { "municipality_code", "node_id" });

            migrationBuilder.CreateIndex(
                name: "IX_program_budget_lines_municipality_code_budget_line_id",
                table: "program_budget_lines",
                columns: new[] { "municipality_code", "budget_line_id" });

            migrationBuilder.CreateIndex(
                name: "IX_subsidy_courses_municipality_code_program_id",
                table: "subsidy_courses",
                columns: new[] { "municipality_code", "program_id" });

            // The rows the JSON snapshots held, into the new tables, before the snapshots go: the
            // read models keep what they had without a rebuild (a rebuild gives applications the
            // round and project kind, which the snapshots never held).
            foreach (var statement in JsonSnapshotsToTables.Statements) migrationBuilder.Sql(statement);
            foreach (var column in new[] { "implementing_bodies", "linked_plans", "target_stakeholders" })
                migrationBuilder.Sql($"ALTER TABLE items ALTER COLUMN {column} DROP DEFAULT");

            migrationBuilder.DropColumn(
                name: "snapshot_json",
                table: "subsidy_programs");

            migrationBuilder.DropColumn(
                name: "items_json",
                table: "priority_goals");

            migrationBuilder.DropColumn(
                name: "snapshot_json",
                table: "items");
        }

        /// <inheritdoc />
        /// <remarks>Leaves the restored JSON columns empty: run <c>rebuild</c> after reverting.</remarks>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "indicator_values");

            migrationBuilder.DropTable(
                name: "indicators");

            migrationBuilder.DropTable(
                name: "item_departments");

            migrationBuilder.DropTable(
                name: "item_placements");

            migrationBuilder.DropTable(
                name: "item_schedule_cells");

            migrationBuilder.DropTable(
                name: "item_yearly_goals");

            migrationBuilder.DropTable(
                name: "priority_goal_items");

            migrationBuilder.DropTable(
                name: "program_budget_lines");

            migrationBuilder.DropTable(
                name: "subsidy_courses");

            migrationBuilder.DropPrimaryKey(
                name: "PK_subsidy_programs",
                table: "subsidy_programs");

            migrationBuilder.DropPrimaryKey(
                name: "PK_subsidy_applications",
                table: "subsidy_applications");

            migrationBuilder.DropIndex(
                name: "IX_subsidy_applications_municipality_code_fiscal_year",
                table: "subsidy_applications");

            migrationBuilder.DropPrimaryKey(
                name: "PK_reservations",
                table: "reservations");

            migrationBuilder.DropIndex(
                name: "IX_reservations_municipality_code_budget_line_id",
                table: "reservations");

            migrationBuilder.DropPrimaryKey(
                name: "PK_priority_goals",
                table: "priority_goals");

            migrationBuilder.DropPrimaryKey(
                name: "PK_plans",
                table: "plans");

            migrationBuilder.DropPrimaryKey(
                name: "PK_plan_nodes",
                table: "plan_nodes");

            migrationBuilder.DropIndex(
                name: "IX_plan_nodes_municipality_code_parent_id",
                table: "plan_nodes");

            migrationBuilder.DropIndex(
                name: "IX_plan_nodes_municipality_code_plan_id",
                table: "plan_nodes");

            migrationBuilder.DropPrimaryKey(
                name: "PK_items",
                table: "items");

            migrationBuilder.DropIndex(
                name: "IX_items_municipality_code_plan_id",
                table: "items");

            migrationBuilder.DropPrimaryKey(
                name: "PK_departments",
                table: "departments");

            migrationBuilder.DropPrimaryKey(
                name: "PK_budget_lines",
                table: "budget_lines");

            migrationBuilder.DropIndex(
                name: "IX_budget_lines_municipality_code_item_id_fiscal_year",
                table: "budget_lines");

            migrationBuilder.DropColumn(
                name: "description",
                table: "subsidy_programs");

            migrationBuilder.DropColumn(
                name: "project_kind",
                table: "subsidy_applications");

            migrationBuilder.DropColumn(
                name: "round",
                table: "subsidy_applications");

            migrationBuilder.DropColumn(
                name: "completion_criterion",
                table: "items");

            migrationBuilder.DropColumn(
                name: "content",
                table: "items");

            migrationBuilder.DropColumn(
                name: "current_state",
                table: "items");

            migrationBuilder.DropColumn(
                name: "expected_effects",
                table: "items");

            migrationBuilder.DropColumn(
                name: "implementing_bodies",
                table: "items");

            migrationBuilder.DropColumn(
                name: "linked_plans",
                table: "items");

            migrationBuilder.DropColumn(
                name: "mayoral_pledge",
                table: "items");

            migrationBuilder.DropColumn(
                name: "novelty",
                table: "items");

            migrationBuilder.DropColumn(
                name: "primary_node_id",
                table: "items");

            migrationBuilder.DropColumn(
                name: "purpose",
                table: "items");

            migrationBuilder.DropColumn(
                name: "rank",
                table: "items");

            migrationBuilder.DropColumn(
                name: "rank_of",
                table: "items");

            migrationBuilder.DropColumn(
                name: "special_notes",
                table: "items");

            migrationBuilder.DropColumn(
                name: "target_other",
                table: "items");

            migrationBuilder.DropColumn(
                name: "target_stakeholders",
                table: "items");

            migrationBuilder.DropColumn(
                name: "supplementary_number",
                table: "budget_lines");

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "subsidy_programs",
                type: "character(5)",
                fixedLength: true,
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(5)",
                oldMaxLength: 5);

            migrationBuilder.AddColumn<string>(
                name: "snapshot_json",
                table: "subsidy_programs",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{}'::jsonb");

            // The old schema cannot say "unknown": such amounts read as 0 until a rebuild.
            migrationBuilder.Sql("UPDATE subsidy_applications SET requested_yen = 0 WHERE requested_yen IS NULL");

            migrationBuilder.AlterColumn<long>(
                name: "requested_yen",
                table: "subsidy_applications",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "subsidy_applications",
                type: "character(5)",
                fixedLength: true,
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(5)",
                oldMaxLength: 5);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "reservations",
                type: "character(5)",
                fixedLength: true,
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(5)",
                oldMaxLength: 5);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "priority_goals",
                type: "character(5)",
                fixedLength: true,
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(5)",
                oldMaxLength: 5);

            migrationBuilder.AddColumn<string>(
                name: "items_json",
                table: "priority_goals",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "plans",
                type: "character(5)",
                fixedLength: true,
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(5)",
                oldMaxLength: 5);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "plan_nodes",
                type: "character(5)",
                fixedLength: true,
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(5)",
                oldMaxLength: 5);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "items",
                type: "character(5)",
                fixedLength: true,
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(5)",
                oldMaxLength: 5);

            migrationBuilder.AddColumn<string>(
                name: "snapshot_json",
                table: "items",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{}'::jsonb");

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "departments",
                type: "character(5)",
                fixedLength: true,
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(5)",
                oldMaxLength: 5);

            migrationBuilder.AlterColumn<string>(
                name: "municipality_code",
                table: "budget_lines",
                type: "character(5)",
                fixedLength: true,
                maxLength: 5,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(5)",
                oldMaxLength: 5);

            migrationBuilder.AddPrimaryKey(
                name: "PK_subsidy_programs",
                table: "subsidy_programs",
                column: "program_id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_subsidy_applications",
                table: "subsidy_applications",
                column: "application_id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_reservations",
                table: "reservations",
                column: "reservation_id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_priority_goals",
                table: "priority_goals",
                column: "goal_id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_plans",
                table: "plans",
                column: "plan_id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_plan_nodes",
                table: "plan_nodes",
                column: "node_id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_items",
                table: "items",
                column: "item_id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_departments",
                table: "departments",
                column: "department_id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_budget_lines",
                table: "budget_lines",
                column: "budget_line_id");

            migrationBuilder.CreateIndex(
                name: "IX_subsidy_programs_municipality_code",
                table: "subsidy_programs",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "IX_subsidy_applications_municipality_code",
                table: "subsidy_applications",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "IX_reservations_budget_line_id",
                table: "reservations",
                column: "budget_line_id");

            migrationBuilder.CreateIndex(
                name: "IX_reservations_municipality_code",
                table: "reservations",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "IX_priority_goals_municipality_code",
                table: "priority_goals",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "IX_plans_municipality_code",
                table: "plans",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "IX_plan_nodes_municipality_code",
                table: "plan_nodes",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "IX_plan_nodes_plan_id",
                table: "plan_nodes",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "IX_items_municipality_code",
                table: "items",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "IX_items_plan_id",
                table: "items",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "IX_departments_municipality_code",
                table: "departments",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "IX_budget_lines_item_id",
                table: "budget_lines",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "IX_budget_lines_municipality_code",
                table: "budget_lines",
                column: "municipality_code");
        }
    }
}
