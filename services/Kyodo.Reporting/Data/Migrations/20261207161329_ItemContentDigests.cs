using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Reporting.Data.Migrations
{
    /// <summary>
    /// The items' bookkeeping for their contents (ReadModels/ItemStatements.cs): a digest of the item's rows in each content table, and
    /// which tables its last change changed. Written and read by the item statements only, so not in the EF model; NULL for rows
    /// written before (their first change writes every table).
    /// </summary>
    public partial class ItemContentDigests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE items ADD COLUMN content_digests uuid[], ADD COLUMN contents_changed boolean[];");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE items DROP COLUMN content_digests, DROP COLUMN contents_changed;");
        }
    }
}
