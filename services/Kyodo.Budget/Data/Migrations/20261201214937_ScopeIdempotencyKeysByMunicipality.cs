using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kyodo.Budget.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScopeIdempotencyKeysByMunicipality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_idempotency_records",
                table: "idempotency_records");

            migrationBuilder.AddColumn<string>(
                name: "municipality_code",
                table: "idempotency_records",
                type: "character(5)",
                fixedLength: true,
                maxLength: 5,
                nullable: false,
                defaultValue: "");

            // Each earlier record is given the municipality of the reservation it answers for, so a retry
            // after the upgrade still gets its first answer. Every answer (ReserveResponse, CommitResponse,
            // ReleaseResponse) is the protobuf bytes of field 1, the Reservation, whose own field 1 is its id:
            // 0x0A, the reservation's length (one varint byte below 128, else two; it stays under 16 KiB),
            // 0x0A 0x24, then the id's 36 characters. Reservations are never deleted, so every record is
            // found; one that were not would keep '' and never answer again.
            migrationBuilder.Sql("""
                UPDATE idempotency_records AS r
                SET municipality_code = l.municipality_code
                FROM reservations AS v
                JOIN budget_lines AS l ON l.id = v.line_id
                WHERE v.id::text = CASE
                    WHEN length(r.response) < 42 OR get_byte(r.response, 0) <> 10 THEN NULL
                    WHEN get_byte(r.response, 1) < 128 THEN encode(substring(r.response FROM 5 FOR 36), 'escape')
                    ELSE encode(substring(r.response FROM 6 FOR 36), 'escape')
                END;
                """);

            migrationBuilder.AddPrimaryKey(
                name: "PK_idempotency_records",
                table: "idempotency_records",
                columns: new[] { "municipality_code", "key" });
        }

        /// <inheritdoc />
        /// <remarks>
        /// Reverting makes keys global again, which holds only while no key is any two municipalities'.
        /// Once one is, this refuses (and changes nothing) rather than drop either record: the earlier
        /// schema would then answer one municipality's retry with the other's reservation, or run it a
        /// second time. Such a database goes back only from a backup taken before the upgrade.
        /// </remarks>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                DECLARE shared integer;
                BEGIN
                    SELECT count(*) INTO shared FROM (SELECT key FROM idempotency_records GROUP BY key HAVING count(*) > 1) AS k;
                    IF shared > 0 THEN
                        RAISE EXCEPTION 'ScopeIdempotencyKeysByMunicipality cannot be reverted: % idempotency key(s) are used by more than one municipality, and the earlier schema holds each key once. Nothing was changed; restore a backup from before the upgrade instead.', shared;
                    END IF;
                END $$;
                """);

            migrationBuilder.DropPrimaryKey(
                name: "PK_idempotency_records",
                table: "idempotency_records");

            migrationBuilder.DropColumn(
                name: "municipality_code",
                table: "idempotency_records");

            migrationBuilder.AddPrimaryKey(
                name: "PK_idempotency_records",
                table: "idempotency_records",
                column: "key");
        }
    }
}
