using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Subsidy.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeepOwedAnswersWithMoneySteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "answer_key",
                table: "money_steps",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "answer_municipality_code",
                table: "money_steps",
                type: "character(5)",
                fixedLength: true,
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "answer_operation",
                table: "money_steps",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "answer_request_hash",
                table: "money_steps",
                type: "bytea",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "answer_key",
                table: "money_steps");

            migrationBuilder.DropColumn(
                name: "answer_municipality_code",
                table: "money_steps");

            migrationBuilder.DropColumn(
                name: "answer_operation",
                table: "money_steps");

            migrationBuilder.DropColumn(
                name: "answer_request_hash",
                table: "money_steps");
        }
    }
}
