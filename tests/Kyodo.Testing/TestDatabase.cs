using Npgsql;

namespace Kyodo.Testing;

/// <summary>A fresh PostgreSQL database for one test class, dropped when the class is done.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly InfrastructureEndpoints _endpoints;

    public string Name { get; }
    public string ConnectionString { get; }

    private TestDatabase(InfrastructureEndpoints endpoints, string name)
    {
        _endpoints = endpoints;
        Name = name;
        ConnectionString = endpoints.PostgresConnectionString(name);
    }

    /// <summary>Creates an empty database; the service under test applies its migrations to it.</summary>
    public static async Task<TestDatabase> CreateAsync(InfrastructureEndpoints endpoints, string prefix)
    {
        var name = $"t_{prefix}_{Guid.NewGuid():N}".ToLowerInvariant(); // PostgreSQL names stop at 63 bytes: keep prefixes short
        await ExecuteOnServerAsync(endpoints, $"CREATE DATABASE \"{name}\"");
        return new TestDatabase(endpoints, name);
    }

    public async ValueTask DisposeAsync()
    {
        // Only this database's pool: other test classes in the process keep theirs.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await ExecuteOnServerAsync(_endpoints, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(InfrastructureEndpoints endpoints, string sql)
    {
        await using var connection = new NpgsqlConnection(endpoints.PostgresConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
