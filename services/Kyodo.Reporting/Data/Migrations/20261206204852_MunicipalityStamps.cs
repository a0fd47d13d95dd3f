using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Reporting.Data.Migrations
{
    /// <inheritdoc />
    public partial class MunicipalityStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MunicipalityStampTriggers.CreateTables);
            foreach (var table in MunicipalityStampTriggers.Tables)
            {
                migrationBuilder.Sql(MunicipalityStampTriggers.Fill(table));
                migrationBuilder.Sql(MunicipalityStampTriggers.CreateTriggers(table));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in MunicipalityStampTriggers.Tables) migrationBuilder.Sql(MunicipalityStampTriggers.DropTriggers(table));
            migrationBuilder.Sql(MunicipalityStampTriggers.DropTables);
        }
    }
}
