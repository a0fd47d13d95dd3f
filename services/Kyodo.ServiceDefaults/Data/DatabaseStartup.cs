using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kyodo.ServiceDefaults.Data;

/// <summary>
/// Brings the database up in the background so the process starts (and answers health
/// probes) even while PostgreSQL is away; marks the service ready once the schema is current.
/// </summary>
internal sealed class DatabaseStartup(IDatabaseMigrator migrator, DatabaseReadiness readiness, IOptions<DatabaseOptions> options)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.MigrateOnStartup)
            await migrator.MigrateAsync(stoppingToken);
        else
            await migrator.WaitForCurrentSchemaAsync(stoppingToken);
        readiness.MarkReady();
    }
}
