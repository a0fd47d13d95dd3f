using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Kyodo.Reporting.Data;

/// <summary>Statements sent to PostgreSQL together and answered together: one round trip.</summary>
public static class OneTrip
{
    /// <summary>
    /// Runs <paramref name="commands"/> as one batch on the context's connection: inside its open
    /// transaction if it has one (the rebuild's), else as one implicit transaction of their own
    /// (PostgreSQL runs a batch up to its Sync all or nothing), which is what a consumer needs.
    /// </summary>
    public static async Task RunInOneTripAsync(this ReportingDbContext db, IEnumerable<NpgsqlBatchCommand> commands, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
            {
                Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            foreach (var command in commands) batch.BatchCommands.Add(command);
            await batch.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
