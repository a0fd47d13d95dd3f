using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContentsDeletedWithTheirPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "deleted_with_plan_revision",
                table: "plan_nodes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "deleted_with_plan_revision",
                table: "items",
                type: "integer",
                nullable: true);

            // Tombstones a plan's deletion left before this migration carry revision int.MaxValue,
            // above anything a list or event could replace. Give them back their own revision (an
            // item's is in its snapshot; a node's is not kept: 0) and leave them unmarked: whether
            // each had also been deleted on its own is not known, so they do not come back with
            // their plan by themselves, only when a rebuild lists them (or they change again).
            migrationBuilder.Sql("""
                UPDATE items SET revision = COALESCE((snapshot_json ->> 'revision')::integer, 0) WHERE revision = 2147483647;
                UPDATE plan_nodes SET revision = 0 WHERE revision = 2147483647;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "deleted_with_plan_revision",
                table: "plan_nodes");

            migrationBuilder.DropColumn(
                name: "deleted_with_plan_revision",
                table: "items");
        }
    }
}
