using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kyodo.ServiceDefaults.Data;

/// <summary>
/// Brings a service's database schema up to date with its committed EF Core migrations.
/// The one code path behind both the start-up step and the `migrate` command (which
/// Kubernetes Jobs run), so the two can never disagree.
/// </summary>
public interface IDatabaseMigrator
{
    /// <summary>Applies pending migrations, retrying while PostgreSQL is unreachable, until cancelled.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Waits, retrying while PostgreSQL is unreachable, until no migration is pending.</summary>
    Task WaitForCurrentSchemaAsync(CancellationToken cancellationToken);
}

internal sealed class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TContext>> logger)
    : IDatabaseMigrator where TContext : DbContext
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        RetryWhileUnreachableAsync(async db =>
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s) to {Database}: {Migrations}",
                    pending.Count, db.Database.GetDbConnection().Database, string.Join(", ", pending));
            }
            await db.Database.MigrateAsync(cancellationToken);
            return true;
        }, cancellationToken);

    public Task WaitForCurrentSchemaAsync(CancellationToken cancellationToken) =>
        RetryWhileUnreachableAsync(async db =>
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0) return true;
            logger.LogWarning("Database {Database} lacks migration(s) {Migrations}; waiting for the migrate step",
                db.Database.GetDbConnection().Database, string.Join(", ", pending));
            return false;
        }, cancellationToken);

    private async Task RetryWhileUnreachableAsync(Func<TContext, Task<bool>> attempt, CancellationToken cancellationToken)
    {
        var delay = FirstRetry;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                try
                {
                    if (await attempt(db)) return;
                }
                catch (Exception ex) when (IsUnreachable(ex) && !cancellationToken.IsCancellationRequested)
                {
                    var target = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
                    logger.LogError("Cannot reach PostgreSQL at {Host}:{Port} (database {Database}): {Reason}. Retrying in {Delay}s.",
                        target.Host, target.Port, target.Database, ex.Message, delay.TotalSeconds);
                }
            }
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
        }
    }

    // A server that is down, starting or refusing us is worth retrying; a broken
    // migration (a SQL error) is not, and must fail loudly.
    private static bool IsUnreachable(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.InvalidCatalogName
            or PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification
            or PostgresErrorCodes.TooManyConnections,
        NpgsqlException or TimeoutException or System.Net.Sockets.SocketException => true,
        _ => ex.InnerException is not null && IsUnreachable(ex.InnerException),
    };
}
