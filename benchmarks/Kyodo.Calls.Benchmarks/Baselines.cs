using Kyodo.Benchmarks.Common;
using Npgsql;

namespace Kyodo.Calls.Benchmarks;

/// <summary>
/// The same-run baselines each call is set beside, run right before it on the same machine: pgbench of
/// the equivalent SQL on the same PostgreSQL server (GetPlan: the single-row SELECT by id on the plan
/// service's own table; ListItems: its first page of item rows; Reserve: the guarded UPDATE on a copy
/// of the budget lines, on one row or spread over the 100, and Reserve's own statements (ReserveTransactionSql);
/// a write: one autocommitted one-row INSERT),
/// and the trivial unary gRPC call to the bare Kestrel with as many callers.
/// </summary>
public sealed class Baselines(BenchmarkSystem system, CallsData data, int seconds)
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["select-plan"] = "pgbench SELECT * FROM plans WHERE id = :id",
        ["list-items"] = "pgbench SELECT * FROM items WHERE municipality_code = :m AND plan_id = :p ORDER BY id LIMIT 21",
        ["guarded-update-1"] = "pgbench UPDATE … SET reserved = reserved + 1 WHERE id = :id AND reserved + 1 <= cost, 1 row",
        ["guarded-update-100"] = "pgbench the same guarded UPDATE, each transaction on a random one of 100 rows",
        ["insert-row"] = "pgbench INSERT of one 200-byte row, autocommit",
        ["reserve-sql-1"] = "pgbench the statements of one Reserve in its three round trips, on copies of budget's tables, 1 line",
        ["reserve-sql-100"] = "pgbench the same on a random one of the 100 lines (ReserveTransactionSql)",
    };

    private bool _prepared;

    public async Task<PgBenchResult> PgBenchAsync(string key, int clients, CancellationToken ct)
    {
        await PrepareAsync(ct);
        var budget = system.BudgetDatabase.Name;
        var plan = system.PlanDatabase.Name;
        var pg = system.Infrastructure;
        return key switch
        {
            "select-plan" => await PgBench.RunAsync(pg, plan, key, ["SELECT * FROM plans WHERE id = :id;"], clients, seconds, ct,
                new Dictionary<string, string> { ["id"] = data.PlanId }),
            "list-items" => await PgBench.RunAsync(pg, plan, key,
                ["SELECT * FROM items WHERE municipality_code = :m AND plan_id = :p ORDER BY id LIMIT 21;"],
                clients, seconds, ct, new Dictionary<string, string> { ["m"] = CallsData.MunicipalityCode, ["p"] = data.PlanId }),
            "guarded-update-1" => await PgBench.RunAsync(pg, budget, key, [GuardedUpdate], clients, seconds, ct,
                new Dictionary<string, string> { ["id"] = "1" }),
            "guarded-update-100" =>
                await PgBench.RunAsync(pg, budget, key, [$"\\set id random(1, {CallsData.Lines})\n" + GuardedUpdate], clients, seconds, ct),
            "insert-row" => await PgBench.RunAsync(pg, budget, key, [PgBench.InsertRow], clients, seconds, ct),
            "reserve-sql-1" => await PgBench.RunAsync(pg, budget, key, [ReserveTransactionSql.Script], clients, seconds, ct,
                new Dictionary<string, string> { ["n"] = "1" }),
            "reserve-sql-100" => await PgBench.RunAsync(pg, budget, key,
                [$"\\set n random(1, {CallsData.Lines})\n" + ReserveTransactionSql.Script], clients, seconds, ct),
            _ => throw new ArgumentException($"no baseline '{key}'"),
        };
    }

    public Task<LoadResult> KestrelAsync(Grpc.Net.Client.GrpcChannel channel, int callers, CancellationToken ct) =>
        BareKestrel.MeasureAsync(channel, callers, TimeSpan.FromSeconds(seconds), ct);

    private const string GuardedUpdate = "UPDATE pgbench_budget_lines SET reserved = reserved + 1 WHERE id = :id AND reserved + 1 <= cost;";

    /// <summary>
    /// pgbench's tables in the budget database: lines of the benchmark's cost with nothing reserved, keyed
    /// 1 … 100 (pgbench draws a random integer key; a hundred scripts of one uuid each would spend the run
    /// preparing statements), and a table for inserts.
    /// </summary>
    private async Task PrepareAsync(CancellationToken ct)
    {
        if (_prepared) return;
        await using var connection = new NpgsqlConnection(system.BudgetDatabase.ConnectionString);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"""
            CREATE TABLE pgbench_budget_lines (id int PRIMARY KEY, cost bigint NOT NULL, reserved bigint NOT NULL);
            INSERT INTO pgbench_budget_lines SELECT n, {CallsData.LineYen}, 0 FROM generate_series(1, {CallsData.Lines}) AS n;
            """, connection);
        await create.ExecuteNonQueryAsync(ct);
        await using var copies = new NpgsqlCommand(ReserveTransactionSql.Prepare, connection);
        copies.Parameters.AddWithValue("lines", data.LineIds.Select(Guid.Parse).ToArray());
        await copies.ExecuteNonQueryAsync(ct);
        await PgBench.CreateWriteTableAsync(system.BudgetDatabase.ConnectionString, ct);
        _prepared = true;
    }
}
