using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "budget_lines",
                columns: table => new
                {
                    budget_line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    municipality_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    item_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    cost_yen = table.Column<long>(type: "bigint", nullable: false),
                    national_prefectural_yen = table.Column<long>(type: "bigint", nullable: false),
                    local_bond_yen = table.Column<long>(type: "bigint", nullable: false),
                    other_yen = table.Column<long>(type: "bigint", nullable: false),
                    general_revenue_yen = table.Column<long>(type: "bigint", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_lines", x => x.budget_line_id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    municipality_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    start_fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    end_fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans", x => x.plan_id);
                });

            migrationBuilder.CreateTable(
                name: "subsidy_programs",
                columns: table => new
                {
                    program_id = table.Column<Guid>(type: "uuid", nullable: false),
                    municipality_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subsidy_programs", x => x.program_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_budget_lines_municipality_code_fiscal_year",
                table: "budget_lines",
                columns: new[] { "municipality_code", "fiscal_year" });

            migrationBuilder.CreateIndex(
                name: "IX_plans_municipality_code",
                table: "plans",
                column: "municipality_code");

            migrationBuilder.CreateIndex(
                name: "IX_subsidy_programs_municipality_code",
                table: "subsidy_programs",
                column: "municipality_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "budget_lines");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "plans");

            migrationBuilder.DropTable(
                name: "subsidy_programs");
        }
    }
}
