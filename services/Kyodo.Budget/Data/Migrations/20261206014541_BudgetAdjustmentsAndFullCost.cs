using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Budget.Data.Migrations
{
    /// <inheritdoc />
    public partial class BudgetAdjustmentsAndFullCost : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "counterpart_line_id",
                table: "budget_line_revisions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "budget_line_revisions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "staff_times",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    municipality_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    person_years = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    set_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_times", x => x.id);
                    table.CheckConstraint("ck_staff_times_person_years", "person_years >= 0 AND person_years <= 9999.99");
                });

            migrationBuilder.CreateTable(
                name: "staff_unit_costs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    municipality_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    yen_per_person_year = table.Column<long>(type: "bigint", nullable: false),
                    set_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_unit_costs", x => x.id);
                    table.CheckConstraint("ck_staff_unit_costs_not_negative", "yen_per_person_year >= 0");
                });

            migrationBuilder.CreateIndex(
                name: "IX_staff_times_municipality_code_item_id_fiscal_year",
                table: "staff_times",
                columns: new[] { "municipality_code", "item_id", "fiscal_year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_staff_unit_costs_municipality_code_fiscal_year",
                table: "staff_unit_costs",
                columns: new[] { "municipality_code", "fiscal_year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "staff_times");

            migrationBuilder.DropTable(
                name: "staff_unit_costs");

            migrationBuilder.DropColumn(
                name: "counterpart_line_id",
                table: "budget_line_revisions");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "budget_line_revisions");
        }
    }
}
