using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Reporting.Data.Migrations
{
    /// <summary>
    /// An item's content tables lose the triggers that stamped their municipalities row by row: the contents statement that alone
    /// writes them stamps them itself (MunicipalityStampTriggers.ItemContentTables). TRUNCATE's trigger stays.
    /// </summary>
    public partial class ItemContentsStampedByTheirStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in MunicipalityStampTriggers.ItemContentTables)
                migrationBuilder.Sql(MunicipalityStampTriggers.DropRowTriggers(table));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in MunicipalityStampTriggers.ItemContentTables)
                migrationBuilder.Sql(MunicipalityStampTriggers.CreateRowTriggers(table));
        }
    }
}
