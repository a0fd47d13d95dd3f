using Kyodo.Reporting.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// The benchmark's reporting database: created and migrated as the service would, loaded
/// (<see cref="BulkLoad"/>), marked with the country it holds so a kept one is reused, dropped
/// unless kept.
/// </summary>
public sealed class NationalDatabase(string serverConnection, string name)
{
    public string ConnectionString { get; } =
        new NpgsqlConnectionStringBuilder(serverConnection) { Database = name, CommandTimeout = 0 }.ConnectionString;

    private string Server =>
        new NpgsqlConnectionStringBuilder(serverConnection) { Database = "postgres", Pooling = false }.ConnectionString;

    /// <summary>True when it already holds a loaded country of <paramref name="municipalities"/>; else it is created empty and
    /// migrated.</summary>
    public async Task<bool> PrepareAsync(int municipalities, CancellationToken ct)
    {
        if (await ExistsAsync(ct))
        {
            await using var connection = await OpenAsync(ct);
            await using var marker = new NpgsqlCommand("SELECT municipalities FROM national_benchmark", connection);
            try
            {
                if (await marker.ExecuteScalarAsync(ct) is int held && held == municipalities) return true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { }
            await DropAsync(ct);
        }
        await ServerAsync($"CREATE DATABASE \"{name}\"", ct);
        await using var db = new ReportingDbContext(new DbContextOptionsBuilder<ReportingDbContext>()
            .UseNpgsql(ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options);
        await db.Database.MigrateAsync(ct);
        return false;
    }

    /// <summary>Notes the country it holds, once loaded.</summary>
    public async Task MarkLoadedAsync(int municipalities, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var mark = new NpgsqlCommand(
            $"CREATE TABLE national_benchmark (municipalities integer NOT NULL); INSERT INTO national_benchmark VALUES ({municipalities})",
            connection);
        await mark.ExecuteNonQueryAsync(ct);
    }

    public async Task<long> SizeBytesAsync(CancellationToken ct) =>
        (long)(await ScalarAsync("SELECT pg_database_size(current_database())", ct))!;

    /// <summary>The highest revision any item or budget line holds: a kept database carries the changes of earlier runs.</summary>
    public async Task<int> HighestRevisionAsync(CancellationToken ct) =>
        (int)(await ScalarAsync("SELECT greatest((SELECT max(revision) FROM items), (SELECT max(revision) FROM budget_lines))", ct))!;

    /// <summary>The server settings that decide the figures, as name = value.</summary>
    public async Task<IReadOnlyList<string>> SettingsAsync(CancellationToken ct)
    {
        var names = new[] { "server_version", "shared_buffers", "effective_cache_size", "work_mem", "max_parallel_workers_per_gather",
            "jit", "fsync", "synchronous_commit" };
        var values = new List<string>();
        foreach (var setting in names) values.Add($"{setting} = {await ScalarAsync($"SHOW {setting}", ct)}");
        return values;
    }

    public async Task DropAsync(CancellationToken ct)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await ServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
    }

    /// <summary>
    /// Which of <paramref name="messageIds"/> reporting's consumers have committed (one inbox row each), whichever process
    /// consumed them. Looked up by the inbox's primary key: a scan by time read the whole inbox, which every run on a kept
    /// database makes longer (700,000 rows, 145 ms a scan, five scans a second: a third of a core taken from the drain it measured).
    /// </summary>
    public async Task<List<Guid>> CommittedOfAsync(IReadOnlyCollection<Guid> messageIds, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT message_id FROM inbox_messages WHERE message_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", messageIds.ToArray());
        var committed = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) committed.Add(reader.GetGuid(0));
        return committed;
    }

    /// <summary>When each inbox row since <paramref name="since"/> was received (its consumer's start), for
    /// <see cref="DrainRate"/>.</summary>
    public async Task<List<DateTimeOffset>> InboxTimesSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT received_at FROM inbox_messages WHERE received_at >= @since", connection);
        command.Parameters.AddWithValue("since", since);
        var times = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) times.Add(reader.GetFieldValue<DateTimeOffset>(0));
        return times;
    }

    /// <summary>One statement on the database, in a transaction of its own.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }

    private async Task<bool> ExistsAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    private async Task ServerAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
