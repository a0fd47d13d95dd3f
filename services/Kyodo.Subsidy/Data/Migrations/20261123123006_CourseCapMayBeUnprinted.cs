using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Subsidy.Data.Migrations
{
    /// <inheritdoc />
    public partial class CourseCapMayBeUnprinted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_courses_cap",
                table: "courses");

            migrationBuilder.AddCheckConstraint(
                name: "ck_courses_cap",
                table: "courses",
                sql: "cap_yen >= 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_courses_cap",
                table: "courses");

            migrationBuilder.AddCheckConstraint(
                name: "ck_courses_cap",
                table: "courses",
                sql: "cap_yen > 0");
        }
    }
}
