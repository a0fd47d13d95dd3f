namespace Kyodo.Calls.Benchmarks;

/// <summary>
/// The second baseline of <c>Reserve</c>: pgbench running the statements budget sends for one
/// reservation, in its three round trips (the line read and row-locked; the save: the line's update,
/// two audit rows, the idempotency record, the outbox row, the reservation; the COMMIT), on copies of
/// budget's tables with their indexes (<c>LIKE … INCLUDING ALL</c>: no foreign keys, no triggers).
/// The values are the sizes a benchmark call writes (statement log of 2026-12-07; the times' colons are
/// dots, which pgbench would read as variables; a long text is written as adjacent SQL literals, which
/// PostgreSQL joins). Left out: the outbox relay marking the row sent, and all that is not PostgreSQL.
/// So it is how fast PostgreSQL alone does a reservation's work on this machine: about the most a
/// Reserve that writes these rows could reach here.
/// </summary>
public static class ReserveTransactionSql
{
    public const string Prefix = "pgbench_reserve_";

    /// <summary>The copies, with the benchmark's lines (parameter <c>@lines</c>, in order) numbered 1 … n (pgbench draws
    /// integers).</summary>
    public const string Prepare = $"""
        CREATE TABLE {Prefix}lines (LIKE budget_lines INCLUDING ALL);
        ALTER TABLE {Prefix}lines ADD COLUMN n int;
        INSERT INTO {Prefix}lines
            SELECT l.*, k.n FROM budget_lines AS l JOIN unnest(@lines) WITH ORDINALITY AS k(id, n) ON l.id = k.id;
        CREATE UNIQUE INDEX ON {Prefix}lines (n);
        CREATE TABLE {Prefix}audit (LIKE audit_entries INCLUDING ALL);
        CREATE TABLE {Prefix}idempotency (LIKE idempotency_records INCLUDING ALL);
        CREATE TABLE {Prefix}outbox (LIKE outbox_messages INCLUDING ALL);
        CREATE TABLE {Prefix}reservations (LIKE reservations INCLUDING ALL);
        """;

    /// <summary>One reservation of 1 yen on line <c>:n</c>, as budget sends it.</summary>
    public const string Script = $$"""
        \startpipeline
        BEGIN;
        SELECT * FROM {{Prefix}}lines WHERE n = :n FOR UPDATE;
        \endpipeline
        \startpipeline
        INSERT INTO {{Prefix}}audit (id, occurred_at, record_type, record_id, record_municipality_code, action, actor_subject,
            actor_municipality_code, actor_departments, actor_roles, address, peer_address, changes)
            VALUES (gen_random_uuid(), now(), 'reservation', gen_random_uuid()::text, '99001', 'created', 'calls-benchmark-1', NULL,
            '{}', '{system}', '127.0.0.1', '127.0.0.1',
            '[{"after": 1, "field": "amount_yen", "entity": "reservation"}, '
            '{"after": 0, "field": "committed_yen", "entity": "reservation"}, '
            '{"after": "2026-12-07T10.47.28.166621+00.00", "field": "created_at", "entity": "reservation"}, '
            '{"after": "01a2501d-41e2-7aec-ac7b-84dae52306a2", "field": "line_id", "entity": "reservation"}, '
            '{"after": "benchmark", "field": "purpose", "entity": "reservation"}, '
            '{"after": 1, "field": "status", "entity": "reservation"}]');
        INSERT INTO {{Prefix}}audit (id, occurred_at, record_type, record_id, record_municipality_code, action, actor_subject,
            actor_municipality_code, actor_departments, actor_roles, address, peer_address, changes)
            VALUES (gen_random_uuid(), now(), 'budget_line', :n, '99001', 'updated', 'calls-benchmark-1', NULL, '{}', '{system}',
            '127.0.0.1', '127.0.0.1', '[{"after": 723, "field": "reserved_yen", "before": 722, "entity": "budget_line"}]');
        UPDATE {{Prefix}}lines SET reserved_yen = reserved_yen + 1, version = version + 1 WHERE n = :n;
        INSERT INTO {{Prefix}}idempotency (key, municipality_code, created_at, operation, request_hash, response)
            VALUES (md5(random()::text), '99001', now(), 'Reserve', sha256(random()::text::bytea),
            decode(repeat('0a750a2430316132353031642d39656136', 7), 'hex'));
        INSERT INTO {{Prefix}}outbox (attempts, message_id, message_type, occurred_at, payload, trace_parent)
            VALUES (0, gen_random_uuid(), 'Kyodo.Contracts.Budget.FundsReserved', now(),
            '{"eventId": "8a0e7052-39ad-4f53-8b8b-557cb0ff1d4e", "purpose": "benchmark", "amountYen": 1, '
            '"occurredAt": "2026-12-07T10.47.28.166621+00.00", "availableYen": 8999999999277, '
            '"budgetLineId": "01a2501d-41e2-7aec-ac7b-84dae52306a2", "reservationId": "01a2501d-9ea6-799b-a78a-edb761f0cf5f", '
            '"municipalityCode": "99001"}',
            '00-0a7f5018ed892d396bf4d31cadc7802e-29f805b0e3d1c2a4-01')
            RETURNING sequence;
        INSERT INTO {{Prefix}}reservations (id, amount_yen, committed_yen, created_at, line_id, purpose, status, updated_at)
            VALUES (gen_random_uuid(), 1, 0, now(), gen_random_uuid(), 'benchmark', 1, now());
        \endpipeline
        COMMIT;
        """;
}
