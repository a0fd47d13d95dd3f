using Kyodo.ServiceDefaults.Audit;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    // Stateless: one for every context. Before the audit interceptor, which leaves the counter out.
    private static readonly RowVersionInterceptor RowVersionCounter = new();

    /// <summary>
    /// Registers the service's DbContext on PostgreSQL (connection string
    /// <c>ConnectionStrings:{connectionName}</c>), its migrator, the start-up step that
    /// applies migrations, and the readiness check. Also wires the outbox signal so
    /// events written with the context are relayed at once, the rows' version counters
    /// (<see cref="RowVersions"/>), and the audit trail (a no-op unless the model maps it: AddAuditTrail).
    /// </summary>
    public static WebApplicationBuilder AddKyodoDatabase<TContext>(this WebApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string 'ConnectionStrings:{connectionName}' is not configured (environment variable ConnectionStrings__{connectionName}).");

        builder.Services.AddDbContext<TContext>((services, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .AddInterceptors(RowVersionCounter, services.GetRequiredService<OutboxSignalInterceptor>(), services.GetRequiredService<AuditInterceptor>()));

        builder.Services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection("Database"));
        builder.Services.AddSingleton<IDatabaseMigrator, DatabaseMigrator<TContext>>();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>("database", tags: [HealthTags.Ready]);
        return builder;
    }
}
