using System.Data.Common;
using Kyodo.Reporting.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kyodo.Reporting.Rebuild;

/// <summary>How a rebuild tells the reporting database's passing failures from those that end it.</summary>
internal static class RebuildDatabase
{
    /// <summary>Tries of one transaction before a passing failure ends the rebuild.</summary>
    public const int Attempts = 5;

    /// <summary>PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply be run again.</summary>
    private static readonly HashSet<string> RetriedStates = [PostgresErrorCodes.DeadlockDetected, PostgresErrorCodes.SerializationFailure];

    /// <summary>
    /// A race a new try resolves: a consumer saved one of the rows first (a concurrency conflict
    /// or a duplicate key, both DbUpdateException), or PostgreSQL ended the transaction for a
    /// deadlock or serialization failure, which the raw lock and ExecuteUpdate statements raise
    /// as a bare PostgresException.
    /// </summary>
    public static bool IsTransient(Exception e) =>
        e is DbUpdateException || Chain(e).OfType<PostgresException>().Any(p => RetriedStates.Contains(p.SqlState));

    /// <summary>Anything the database or the data layer raised (not a bug in the rebuild's own code).</summary>
    public static bool IsDatabaseFailure(Exception e) =>
        e is DbUpdateException or TimeoutException || Chain(e).Any(x => x is DbException);

    /// <summary>What went wrong, in one line: PostgreSQL's own error (state and text) where it sent one.</summary>
    public static string Describe(Exception e)
    {
        var cause =
            Chain(e).OfType<PostgresException>().FirstOrDefault() as Exception ?? Chain(e).OfType<DbException>().FirstOrDefault() ?? e;
        var text = cause is PostgresException p ? $"{p.SqlState}: {p.MessageText}" : cause.Message;
        return string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
    }
}

/// <summary>The reporting database failed a rebuild's read or write: the message names the database (never its password) and the
/// failure.</summary>
public sealed class RebuildDatabaseException : Exception
{
    internal RebuildDatabaseException(ReportingDbContext db, Exception inner, int attempts)
        : base(Describe(db, inner, attempts), inner)
    {
    }

    private static string Describe(ReportingDbContext db, Exception inner, int attempts)
    {
        var where = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var tries = attempts > 1 ? $" (tried {attempts} times)" : "";
        return $"the reporting database (ConnectionStrings:Reporting = {where.Host}:{where.Port}/{where.Database}) failed: "
            + $"{RebuildDatabase.Describe(inner)}{tries}";
    }
}
