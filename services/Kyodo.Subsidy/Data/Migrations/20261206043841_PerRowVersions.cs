using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Subsidy.Data.Migrations
{
    /// <summary>
    /// Each record's version becomes its own counter (a bigint column, 1 for every existing row) instead of
    /// PostgreSQL's xmin, which is drawn from one counter for the whole database: the gaps between a
    /// tenant's own versions showed how much every other tenant wrote. Versions callers read before this
    /// migration are stale after it (ABORTED: read again), as after any change. Written by hand: EF
    /// scaffolds a rename of xmin, a system column no table can rename or drop.
    /// </summary>
    public partial class PerRowVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "programs",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "courses",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "applications",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                table: "programs");

            migrationBuilder.DropColumn(
                name: "version",
                table: "courses");

            migrationBuilder.DropColumn(
                name: "version",
                table: "applications");
        }
    }
}
