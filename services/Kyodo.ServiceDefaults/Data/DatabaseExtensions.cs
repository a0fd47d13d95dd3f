using Kyodo.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Kyodo.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    // Stateless: one for every context. Before the same-save writers (the audit trail), which leave the counter out.
    private static readonly RowVersionInterceptor RowVersionCounter = new();
    private static readonly NoSavepointsInterceptor NoSavepoints = new();
    private static readonly DatabaseWriteWatch WriteWatch = new();
    private static readonly RowLockInterceptor RowLocks = new();

    /// <summary>
    /// Registers the service's DbContext on PostgreSQL (connection string
    /// <c>ConnectionStrings:{connectionName}</c>), its migrator, the start-up step that
    /// applies migrations, and the readiness check. Also wires the outbox signal so
    /// events written with the context are relayed at once, the rows' version counters
    /// (<see cref="RowVersions"/>), the interceptors that add rows to the same save (<see cref="ISameSaveWriter"/>:
    /// the audit trail, where the service registers it), and row locks from LINQ (<see cref="Data.RowLocks.ForUpdate{T}"/>).
    /// </summary>
    public static WebApplicationBuilder AddKyodoDatabase<TContext>(this WebApplicationBuilder builder, string connectionName,
        Action<NpgsqlDbContextOptionsBuilder>? npgsqlOptions = null)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string 'ConnectionStrings:{connectionName}' is not configured (environment "
                + $"variable ConnectionStrings__{connectionName}).");

        // Pooled: a request takes a context already built (its services resolved, its model bound)
        // instead of building one; EF resets it when the request's scope returns it.
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(WithPoolSettings(connectionString), npgsql =>
            {
                npgsql.MigrationsHistoryTable("__ef_migrations_history");
                npgsqlOptions?.Invoke(npgsql);
            })
            .AddInterceptors([
                RowVersionCounter, services.GetRequiredService<OutboxSignalInterceptor>(),
                .. services.GetServices<ISameSaveWriter>(),
                NoSavepoints, WriteWatch, RowLocks]));

        builder.Services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection("Database"));
        builder.Services.AddSingleton<IDatabaseMigrator, DatabaseMigrator<TContext>>();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>("database", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>
    /// The services' connection settings, each unless the connection string writes its own:
    /// <list type="bullet">
    /// <item>Npgsql prepares the statements a connection runs often (<c>Max Auto Prepare=64</c>): PostgreSQL
    /// parses and plans them once per connection, not on every call. Every hot query and save of the
    /// services is the same parameterised SQL over and over.</item>
    /// <item>A connection taken from the pool is not reset (<c>No Reset On Close=true</c>). The reset is
    /// seven statements (<c>RESET ALL</c>, <c>CLOSE ALL</c>, <c>UNLISTEN *</c>, <c>pg_advisory_unlock_all()</c>,
    /// <c>DISCARD</c> …) that PostgreSQL runs before the first query of every request: a request that reads
    /// one row paid for eight statements. The services leave nothing in a session for it to clear: no
    /// session <c>SET</c> (only <c>SET LOCAL</c>), no <c>LISTEN</c>, no temporary tables or held cursors,
    /// advisory locks only per transaction; the one session lock (reporting's missing-event watch) is
    /// taken on a connection of its own, outside the pool. A transaction left open is still rolled back
    /// when the connection returns to the pool (decision 045).</item>
    /// </list>
    /// </summary>
    internal static string WithPoolSettings(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey answers whether Npgsql KNOWS a keyword, not whether the
        // string sets it (it is true for every string): the plain builder below reads what was written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!written.ContainsKey("Max Auto Prepare")) settings.MaxAutoPrepare = 64;
        if (!written.ContainsKey("No Reset On Close")) settings.NoResetOnClose = true;
        return settings.ConnectionString;
    }
}
