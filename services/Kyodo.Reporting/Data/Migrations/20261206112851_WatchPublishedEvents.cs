using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class WatchPublishedEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "publisher_watermarks",
                columns: table => new
                {
                    publisher = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    checked_through = table.Column<long>(type: "bigint", nullable: false),
                    settled_through = table.Column<long>(type: "bigint", nullable: false),
                    horizon_sequence = table.Column<long>(type: "bigint", nullable: true),
                    horizon_xid = table.Column<long>(type: "bigint", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_publisher_watermarks", x => x.publisher);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "publisher_watermarks");
        }
    }
}
