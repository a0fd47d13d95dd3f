using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Plan.Data.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationCycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "approved_at",
                table: "indicator_actuals",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "approved_by",
                table: "indicator_actuals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Actuals recorded before the review existed were official as recorded: their recorder approved them.
            migrationBuilder.Sql("UPDATE indicator_actuals SET approved_by = recorded_by, approved_at = recorded_at;");

            migrationBuilder.CreateTable(
                name: "evaluation_settings",
                columns: table => new
                {
                    municipality_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    rating_scale = table.Column<List<string>>(type: "text[]", nullable: false),
                    directions = table.Column<List<string>>(type: "text[]", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_settings", x => x.municipality_code);
                    table.ForeignKey(
                        name: "FK_evaluation_settings_municipalities_municipality_code",
                        column: x => x.municipality_code,
                        principalTable: "municipalities",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    municipality_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    node_id = table.Column<Guid>(type: "uuid", nullable: true),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    evaluator_department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    evaluated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    direction = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    direction_reason = table.Column<string>(type: "text", nullable: false),
                    effectiveness = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    effectiveness_reason = table.Column<string>(type: "text", nullable: false),
                    efficiency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    efficiency_reason = table.Column<string>(type: "text", nullable: false),
                    necessity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    necessity_reason = table.Column<string>(type: "text", nullable: false),
                    review_authors = table.Column<string>(type: "text", nullable: false),
                    review_comment = table.Column<string>(type: "text", nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    review_status = table.Column<int>(type: "integer", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluations", x => x.id);
                    table.CheckConstraint("ck_evaluations_one_subject", "(item_id IS NULL) <> (node_id IS NULL)");
                    table.ForeignKey(
                        name: "FK_evaluations_departments_evaluator_department_id",
                        column: x => x.evaluator_department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_evaluations_items_item_id",
                        column: x => x.item_id,
                        principalTable: "items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_evaluations_plan_nodes_node_id",
                        column: x => x.node_id,
                        principalTable: "plan_nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_evaluations_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "indicator_actual_entries",
                columns: table => new
                {
                    indicator_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<decimal>(type: "numeric", nullable: false),
                    note = table.Column<string>(type: "text", nullable: false),
                    entered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    review_authors = table.Column<string>(type: "text", nullable: false),
                    review_comment = table.Column<string>(type: "text", nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    review_status = table.Column<int>(type: "integer", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_actual_entries", x => new { x.indicator_id, x.fiscal_year });
                    table.ForeignKey(
                        name: "FK_indicator_actual_entries_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reporting_deadlines",
                columns: table => new
                {
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    municipality_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    set_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reporting_deadlines", x => new { x.plan_id, x.fiscal_year });
                    table.ForeignKey(
                        name: "FK_reporting_deadlines_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_evaluator_department_id",
                table: "evaluations",
                column: "evaluator_department_id");

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_item_id_fiscal_year",
                table: "evaluations",
                columns: new[] { "item_id", "fiscal_year" },
                unique: true,
                filter: "item_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_municipality_code_fiscal_year_id",
                table: "evaluations",
                columns: new[] { "municipality_code", "fiscal_year", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_node_id_fiscal_year",
                table: "evaluations",
                columns: new[] { "node_id", "fiscal_year" },
                unique: true,
                filter: "node_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_plan_id",
                table: "evaluations",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "IX_reporting_deadlines_due_date",
                table: "reporting_deadlines",
                column: "due_date",
                filter: "checked_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluation_settings");

            migrationBuilder.DropTable(
                name: "evaluations");

            migrationBuilder.DropTable(
                name: "indicator_actual_entries");

            migrationBuilder.DropTable(
                name: "reporting_deadlines");

            migrationBuilder.DropColumn(
                name: "approved_at",
                table: "indicator_actuals");

            migrationBuilder.DropColumn(
                name: "approved_by",
                table: "indicator_actuals");
        }
    }
}
