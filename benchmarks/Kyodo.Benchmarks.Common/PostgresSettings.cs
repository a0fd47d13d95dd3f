using Npgsql;

namespace Kyodo.Benchmarks.Common;

/// <summary>
/// The durability and memory settings the PostgreSQL server had during the run, read from the server
/// itself (not assumed from a script): the shared local server runs with fsync off.
/// </summary>
public static class PostgresSettings
{
    private static readonly string[] Names = ["fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "max_connections"];

    public static async Task<string> ReadAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var parts = new List<string> { $"PostgreSQL {connection.PostgreSqlVersion} at {connection.Host}:{connection.Port}" };
        foreach (var name in Names)
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", connection);
            parts.Add($"{name}={await show.ExecuteScalarAsync(ct)}");
        }
        return string.Join(", ", parts);
    }
}
