using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Subsidy.Data.Migrations
{
    /// <inheritdoc />
    public partial class UnprintedAmountsAndRoundsStayUnknown : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_applications_amounts",
                table: "applications");

            migrationBuilder.AlterColumn<int>(
                name: "round",
                table: "applications",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<long>(
                name: "requested_yen",
                table: "applications",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            // Applications recorded from a document's printed totals (their groups are of kind 記録) were
            // given the course cap (withdrawn ones) or the award (awarded ones) as the amount asked for,
            // and round 1 of a course with rounds: figures no document holds. Unknown they are.
            migrationBuilder.Sql("""
                UPDATE applications a
                SET requested_yen = NULL, round = CASE WHEN c.rounds_per_year = 0 THEN 0 END
                FROM applicants g, courses c
                WHERE g.id = a.applicant_id AND g.kind = '記録' AND c.id = a.course_id
                """);

            migrationBuilder.AddCheckConstraint(
                name: "ck_applications_amounts",
                table: "applications",
                sql: "(requested_yen IS NULL OR (requested_yen > 0 AND awarded_yen <= requested_yen)) AND awarded_yen >= 0 AND settled_yen >= 0 AND settled_yen <= awarded_yen");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_applications_amounts",
                table: "applications");

            // The old schema cannot say "unknown": back to what the old import wrote.
            migrationBuilder.Sql("""
                UPDATE applications a
                SET requested_yen = coalesce(a.requested_yen, CASE WHEN a.awarded_yen > 0 THEN a.awarded_yen WHEN c.cap_yen > 0 THEN c.cap_yen ELSE 1 END),
                    round = coalesce(a.round, 1)
                FROM courses c
                WHERE c.id = a.course_id AND (a.requested_yen IS NULL OR a.round IS NULL)
                """);

            migrationBuilder.AlterColumn<int>(
                name: "round",
                table: "applications",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "requested_yen",
                table: "applications",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_applications_amounts",
                table: "applications",
                sql: "requested_yen > 0 AND awarded_yen >= 0 AND awarded_yen <= requested_yen AND settled_yen >= 0 AND settled_yen <= awarded_yen");
        }
    }
}
