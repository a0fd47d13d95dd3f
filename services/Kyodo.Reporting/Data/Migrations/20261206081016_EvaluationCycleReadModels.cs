using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationCycleReadModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "actual_entries",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    indicator_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    value = table.Column<decimal>(type: "numeric", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    by = table.Column<string>(type: "text", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_actual_entries", x => new { x.municipality_code, x.indicator_id, x.fiscal_year });
                });

            migrationBuilder.CreateTable(
                name: "budget_adjustments",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    budget_line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    cost_yen = table.Column<long>(type: "bigint", nullable: false),
                    national_prefectural_yen = table.Column<long>(type: "bigint", nullable: false),
                    local_bond_yen = table.Column<long>(type: "bigint", nullable: false),
                    other_yen = table.Column<long>(type: "bigint", nullable: false),
                    general_revenue_yen = table.Column<long>(type: "bigint", nullable: false),
                    counterpart_line_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: false),
                    by = table.Column<string>(type: "text", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_adjustments", x => new { x.municipality_code, x.budget_line_id, x.revision });
                });

            migrationBuilder.CreateTable(
                name: "evaluation_settings",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    rating_scale = table.Column<List<string>>(type: "text[]", nullable: false),
                    directions = table.Column<List<string>>(type: "text[]", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_settings", x => x.municipality_code);
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    evaluation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    node_id = table.Column<Guid>(type: "uuid", nullable: true),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    evaluator_department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    evaluator_department_name = table.Column<string>(type: "text", nullable: false),
                    necessity = table.Column<string>(type: "text", nullable: false),
                    necessity_reason = table.Column<string>(type: "text", nullable: false),
                    effectiveness = table.Column<string>(type: "text", nullable: false),
                    effectiveness_reason = table.Column<string>(type: "text", nullable: false),
                    efficiency = table.Column<string>(type: "text", nullable: false),
                    efficiency_reason = table.Column<string>(type: "text", nullable: false),
                    direction = table.Column<string>(type: "text", nullable: false),
                    direction_reason = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    evaluated_by = table.Column<string>(type: "text", nullable: false),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "text", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "text", nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    comment = table.Column<string>(type: "text", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    deleted = table.Column<bool>(type: "boolean", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluations", x => new { x.municipality_code, x.evaluation_id });
                });

            migrationBuilder.CreateTable(
                name: "reporting_deadlines",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reporting_deadlines", x => new { x.municipality_code, x.plan_id, x.fiscal_year });
                });

            migrationBuilder.CreateTable(
                name: "staff_times",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    person_years = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_times", x => new { x.municipality_code, x.item_id, x.fiscal_year });
                });

            migrationBuilder.CreateTable(
                name: "staff_unit_costs",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    yen_per_person_year = table.Column<long>(type: "bigint", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_unit_costs", x => new { x.municipality_code, x.fiscal_year });
                });

            migrationBuilder.CreateIndex(
                name: "IX_actual_entries_municipality_code_item_id",
                table: "actual_entries",
                columns: new[] { "municipality_code", "item_id" });

            migrationBuilder.CreateIndex(
                name: "IX_budget_adjustments_municipality_code_item_id_fiscal_year",
                table: "budget_adjustments",
                columns: new[] { "municipality_code", "item_id", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_municipality_code_fiscal_year",
                table: "evaluations",
                columns: new[] { "municipality_code", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_municipality_code_item_id",
                table: "evaluations",
                columns: new[] { "municipality_code", "item_id" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_municipality_code_node_id",
                table: "evaluations",
                columns: new[] { "municipality_code", "node_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "actual_entries");

            migrationBuilder.DropTable(
                name: "budget_adjustments");

            migrationBuilder.DropTable(
                name: "evaluation_settings");

            migrationBuilder.DropTable(
                name: "evaluations");

            migrationBuilder.DropTable(
                name: "reporting_deadlines");

            migrationBuilder.DropTable(
                name: "staff_times");

            migrationBuilder.DropTable(
                name: "staff_unit_costs");
        }
    }
}
