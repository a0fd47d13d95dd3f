using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Subsidy.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeepPrintedResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "program_printed_results",
                columns: table => new
                {
                    program_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    course = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    applications_printed = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_printed_results", x => new { x.program_id, x.fiscal_year, x.course });
                    table.ForeignKey(
                        name: "FK_program_printed_results_programs_program_id",
                        column: x => x.program_id,
                        principalTable: "programs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "program_printed_results");
        }
    }
}
