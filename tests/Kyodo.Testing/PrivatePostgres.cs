using System.Globalization;
using Npgsql;

namespace Kyodo.Testing;

/// <summary>
/// A PostgreSQL server of one test class's own (its own data folder and port) with the durable
/// settings production runs with: fsync, synchronous_commit and full_page_writes on (the shared test
/// server runs with them off, and a crash of it may lose acknowledged writes). A fault test stops it
/// with <c>pg_ctl -m immediate</c> (<see cref="CrashAsync"/>: no checkpoint, crash recovery at the next
/// start) and starts it again. Started from Debian's binaries as the OS user postgres, as
/// benchmarks/postgres-durable.sh does; initdb and a start take a few seconds.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    public const string User = "kyodo", Password = "kyodo";
    private readonly string _folder = PrivateServer.Folder("kyodo-pg", "postgres");
    private readonly string _bin;

    public int Port { get; } = PrivateServer.FreePort();
    private string Data => Path.Combine(_folder, "data");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={User};Password={Password};Include Error Detail=true";

    /// <summary>This server in place of the shared one, with the shared broker's fields left as they were.</summary>
    public InfrastructureEndpoints Endpoints(InfrastructureEndpoints broker) =>
        broker with { PostgresHost = "127.0.0.1", PostgresPort = Port, PostgresUser = User, PostgresPassword = Password };

    private PrivatePostgres(string bin)
    {
        _bin = bin;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop("immediate");
    }

    /// <summary>Initialises a new server and starts it.</summary>
    public static async Task<PrivatePostgres> StartNewAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderBy(b => int.Parse(Path.GetFileName(Path.GetDirectoryName(b))!, CultureInfo.InvariantCulture)).LastOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException(
            "No PostgreSQL server binaries under /usr/lib/postgresql: `scripts/infra.sh start` installs them");
        var server = new PrivatePostgres(bin);
        try
        {
            var passwordFile = Path.Combine(server._folder, "password");
            await File.WriteAllTextAsync(passwordFile, Password + "\n");
            PrivateServer.Run("chown", "postgres", passwordFile);
            server.AsPostgres("initdb", "-D", server.Data, "-U", User, $"--pwfile={passwordFile}", "--auth=scram-sha-256",
                "--encoding=UTF8", "--locale=C.UTF-8");
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (after a crash: its recovery replays the WAL) and waits until it takes a login.</summary>
    public async Task StartAsync()
    {
        AsPostgres("pg_ctl", "-D", Data, "-l", Path.Combine(_folder, "postgres.log"), "-w", "-t", "120", "start", "-o",
            $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c "
            + $"max_connections=200");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary><c>pg_ctl -m immediate stop</c>: every backend ends at once, nothing is checkpointed; what was acknowledged must come back
    /// from the WAL.</summary>
    public Task CrashAsync()
    {
        AsPostgres("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        return Task.CompletedTask;
    }

    /// <summary>fsync, synchronous_commit and full_page_writes as the server reports them, for the test's output.</summary>
    public async Task<string> DurabilityAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync','synchronous_commit',"
            + "'full_page_writes')", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private void Stop(string mode)
    {
        try { AsPostgres("pg_ctl", "-D", Data, "-m", mode, "-w", "stop"); }
        catch (InvalidOperationException) { /* not running */ }
    }

    private void AsPostgres(string tool, params string[] arguments) =>
        PrivateServer.Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments]);

    public ValueTask DisposeAsync()
    {
        Stop("immediate");
        PrivateServer.DeleteFolder(_folder);
        return ValueTask.CompletedTask;
    }
}
