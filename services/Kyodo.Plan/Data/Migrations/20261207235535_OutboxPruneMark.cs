using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Plan.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxPruneMark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbox_pruned",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    pruned_through = table.Column<long>(type: "bigint", nullable: false),
                    pruned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_pruned", x => x.id);
                    table.CheckConstraint("ck_outbox_pruned_one_row", "id = 1");
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbox_pruned");
        }
    }
}
