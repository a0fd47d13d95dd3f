using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kyodo.Budget.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "budget_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    municipality_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    department_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    supplementary_number = table.Column<int>(type: "integer", nullable: false),
                    reserved_yen = table.Column<long>(type: "bigint", nullable: false),
                    committed_yen = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    account_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    account_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    item_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    item_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    section_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    section_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    subitem_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subitem_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    cost_yen = table.Column<long>(type: "bigint", nullable: false),
                    general_revenue_yen = table.Column<long>(type: "bigint", nullable: false),
                    local_bond_yen = table.Column<long>(type: "bigint", nullable: false),
                    national_prefectural_yen = table.Column<long>(type: "bigint", nullable: false),
                    other_yen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_lines", x => x.id);
                    table.CheckConstraint("ck_budget_lines_cost_is_sum_of_sources", "cost_yen = national_prefectural_yen + local_bond_yen + other_yen + general_revenue_yen");
                    table.CheckConstraint("ck_budget_lines_holds_within_cost", "reserved_yen >= 0 AND committed_yen >= 0 AND reserved_yen + committed_yen <= cost_yen");
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    operation = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    response = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_records", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dead_lettered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "budget_line_revisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    supplementary_number = table.Column<int>(type: "integer", nullable: false),
                    revised_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    revised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cost_yen = table.Column<long>(type: "bigint", nullable: false),
                    general_revenue_yen = table.Column<long>(type: "bigint", nullable: false),
                    local_bond_yen = table.Column<long>(type: "bigint", nullable: false),
                    national_prefectural_yen = table.Column<long>(type: "bigint", nullable: false),
                    other_yen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_line_revisions", x => x.id);
                    table.ForeignKey(
                        name: "FK_budget_line_revisions_budget_lines_line_id",
                        column: x => x.line_id,
                        principalTable: "budget_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reservations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    amount_yen = table.Column<long>(type: "bigint", nullable: false),
                    committed_yen = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reservations", x => x.id);
                    table.CheckConstraint("ck_reservations_amounts", "amount_yen > 0 AND committed_yen >= 0 AND committed_yen <= amount_yen");
                    table.ForeignKey(
                        name: "FK_reservations_budget_lines_line_id",
                        column: x => x.line_id,
                        principalTable: "budget_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_budget_line_revisions_line_id_sequence",
                table: "budget_line_revisions",
                columns: new[] { "line_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_budget_lines_municipality_code_fiscal_year_id",
                table: "budget_lines",
                columns: new[] { "municipality_code", "fiscal_year", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_budget_lines_municipality_code_item_id_fiscal_year",
                table: "budget_lines",
                columns: new[] { "municipality_code", "item_id", "fiscal_year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_unsent",
                table: "outbox_messages",
                column: "sequence",
                filter: "sent_at IS NULL AND dead_lettered_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_reservations_line_id",
                table: "reservations",
                column: "line_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "budget_line_revisions");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "reservations");

            migrationBuilder.DropTable(
                name: "budget_lines");
        }
    }
}
