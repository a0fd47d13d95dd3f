using System.Data.Common;
using Kyodo.Reporting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Runs a report's aggregate query on the context's connection, inside the report's snapshot
/// transaction, and maps each result row: the aggregation happens in PostgreSQL, and only its
/// (small) result crosses to the service.
/// </summary>
internal static class ReportSql
{
    public static async Task<List<T>> QueryAsync<T>(this ReportingDbContext db, string sql, Func<DbDataReader, T> map, CancellationToken ct,
        params NpgsqlParameter[] parameters)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct)) rows.Add(map(reader));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync(); // a no-op inside the snapshot's transaction, which keeps it open
        }
    }

    /// <summary>
    /// Runs an aggregate written to read each table as whole municipalities' ranges (every table
    /// filtered by the municipalities, so each is one range of its municipality-first index) and
    /// to join and group them in memory. The planner cannot see how many rows those joins meet:
    /// it takes the conditions on municipality_code and on a record's id as independent, so it
    /// expects a handful of a large city's 2,000 items and chooses one index probe per item and
    /// table, and sorts where it would hash (EXPLAIN of the department summary at 2,000 items:
    /// 55,000 buffer hits where the ranges read 900). Nested loops and sorts are therefore off for
    /// this statement (a sort it cannot do without still runs), and so is JIT, which those
    /// estimates trigger on a national database for seconds of compiling (14 s of a 15 s
    /// summary at 47 municipalities). SET LOCAL ends with the report's snapshot transaction; the
    /// RESET gives the report's next queries the server's settings back.
    /// </summary>
    public static async Task<List<T>> AggregateRangesAsync<T>(this ReportingDbContext db, string sql, Func<DbDataReader, T> map,
        CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException(
                "an aggregate over whole ranges runs inside the report's snapshot (ReadSnapshot), which scopes its planner settings");
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_nestloop = off; SET LOCAL enable_sort = off; SET LOCAL jit = off", ct);
        var rows = await db.QueryAsync(sql, map, ct, parameters);
        await db.Database.ExecuteSqlRawAsync("RESET enable_nestloop; RESET enable_sort; RESET jit", ct);
        return rows;
    }

    // Typed parameters: a null needs its type, which PostgreSQL cannot infer from "@p IS NULL".
    public static NpgsqlParameter Text(string name, string value) => new(name, NpgsqlDbType.Text) { Value = value };
    public static NpgsqlParameter Texts(string name, IReadOnlyCollection<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
    public static NpgsqlParameter Int(string name, int value) => new(name, NpgsqlDbType.Integer) { Value = value };
    public static NpgsqlParameter Bool(string name, bool value) => new(name, NpgsqlDbType.Boolean) { Value = value };
    public static NpgsqlParameter Date(string name, DateOnly value) => new(name, NpgsqlDbType.Date) { Value = value };
    public static NpgsqlParameter Numeric(string name, decimal value) => new(name, NpgsqlDbType.Numeric) { Value = value };
    public static NpgsqlParameter Id(string name, Guid? value) =>
        new(name, NpgsqlDbType.Uuid) { Value = value is { } v ? v : DBNull.Value };

    public static NpgsqlParameter Ids(string name, IReadOnlyCollection<Guid>? values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = values is null ? DBNull.Value : values.ToArray() };

    public static long Long(this DbDataReader row, int column) =>
        row.IsDBNull(column) ? 0 : Convert.ToInt64(row.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);
    public static string? NullableText(this DbDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);
    public static Guid? NullableId(this DbDataReader row, int column) => row.IsDBNull(column) ? null : row.GetGuid(column);
    public static DateTimeOffset? NullableTime(this DbDataReader row, int column) =>
        row.IsDBNull(column) ? null : new DateTimeOffset(DateTime.SpecifyKind(row.GetDateTime(column), DateTimeKind.Utc));
}
