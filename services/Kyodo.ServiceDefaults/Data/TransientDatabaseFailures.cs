using Npgsql;

namespace Kyodo.ServiceDefaults.Data;

/// <summary>
/// Which database failures are worth another try: the connection broke or could not be made, or
/// the server is shutting down, starting up or out of connections. Found wherever it sits in the
/// exception's chain (EF wraps a transient failure in an InvalidOperationException, a failed save in
/// a DbUpdateException).
/// </summary>
public static class TransientDatabaseFailures
{
    public static NpgsqlException? Find(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is NpgsqlException db && IsTransient(db)) return db;
        }
        return null;
    }

    private static bool IsTransient(NpgsqlException db) => db switch
    {
        // A terminated backend (57P01 admin shutdown, 57P02 crash shutdown: a restart), one that
        // cannot accept yet (57P03, recovering), or no slot left (53300).
        PostgresException pg => pg.IsTransient || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
                || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        _ => db.IsTransient,
    };
}
