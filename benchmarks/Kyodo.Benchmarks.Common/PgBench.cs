using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Kyodo.Testing;

namespace Kyodo.Benchmarks.Common;

/// <summary>What one pgbench run measured: transactions per second (without connection time) and mean latency.</summary>
public sealed record PgBenchResult(string Name, int Clients, double Tps, double LatencyMs, string LoadAverage)
{
    public bool Ran => !double.IsNaN(Tps);
}

/// <summary>
/// Runs pgbench (the PostgreSQL client tools' own) against a database of the same server the services
/// use: the same-run baseline of "what the database can do with the equivalent SQL". Each script is one
/// transaction; given several, pgbench picks one at random per transaction (how 100 lines get spread
/// over 100 rows). Prepared statements (-M prepared), so the baseline is the server's best.
/// </summary>
public static partial class PgBench
{
    public static async Task<PgBenchResult> RunAsync(InfrastructureEndpoints server, string database, string name,
        IReadOnlyList<string> scripts,
        int clients, int seconds, CancellationToken ct, IReadOnlyDictionary<string, string>? variables = null)
    {
        var directory = Directory.CreateTempSubdirectory("kyodo-pgbench-");
        try
        {
            var arguments = new List<string>
            {
                "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture),
                "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                "-T", seconds.ToString(CultureInfo.InvariantCulture),
                "-h", server.PostgresHost, "-p", server.PostgresPort.ToString(CultureInfo.InvariantCulture), "-U", server.PostgresUser,
            };
            foreach (var (variable, value) in variables
                ?? new Dictionary<string, string>()) arguments.AddRange(["-D", $"{variable}={value}"]);
            for (var i = 0; i < scripts.Count; i++)
            {
                var file = Path.Combine(directory.FullName, $"script{i}.sql");
                await File.WriteAllTextAsync(file, scripts[i], ct);
                arguments.AddRange(["-f", file]);
            }
            arguments.Add(database);

            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("KYODO_PGBENCH") ?? "pgbench")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["PGPASSWORD"] = server.PostgresPassword },
            };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            Process process;
            try { process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start"); }
            catch (System.ComponentModel.Win32Exception e)
            {
                Console.Error.WriteLine($"pgbench: not found ({e.Message}); install the PostgreSQL client tools or set KYODO_PGBENCH. "
                    + $"Baseline '{name}' skipped.");
                return new PgBenchResult(name, clients, double.NaN, double.NaN, MachineLoad.Now());
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync(ct);
                var error = process.StandardError.ReadToEndAsync(ct);
                await process.WaitForExitAsync(ct);
                var text = await output;
                var tps = Tps().Match(text);
                var latency = Latency().Match(text);
                if (process.ExitCode != 0 || !tps.Success)
                {
                    Console.Error.WriteLine($"pgbench '{name}' failed (exit {process.ExitCode}); baseline skipped: {await error}{text}");
                    return new PgBenchResult(name, clients, double.NaN, double.NaN, MachineLoad.Now());
                }
                return new PgBenchResult(name, clients, Parse(tps.Groups[1].Value),
                    latency.Success ? Parse(latency.Groups[1].Value) : double.NaN, MachineLoad.Now());
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The write baseline's one autocommitted INSERT of a 200-byte row (see <see cref="CreateWriteTableAsync"/>).</summary>
    public const string InsertRow = "INSERT INTO pgbench_writes VALUES (gen_random_uuid(), '99001', repeat('x', 200), now());";

    /// <summary>Creates the table <see cref="InsertRow"/> writes to, in the database of <paramref name="connectionString"/>.</summary>
    public static async Task CreateWriteTableAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var create = new Npgsql.NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS pgbench_writes (id uuid PRIMARY KEY, municipality_code text NOT NULL, payload text NOT NULL, at "
            + "timestamptz NOT NULL)", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex Latency();
}
