using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class UncheckedPrunedSequences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "unchecked_through",
                table: "publisher_watermarks",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "unchecked_through",
                table: "publisher_watermarks");
        }
    }
}
