using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kyodo.ServiceDefaults.Data;

/// <summary>Ready only when the schema is current and PostgreSQL answers now.</summary>
internal sealed class DatabaseHealthCheck<TContext>(TContext db, DatabaseReadiness readiness) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
            return HealthCheckResult.Unhealthy("database schema not ready (migrations pending or PostgreSQL unreachable)");
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("PostgreSQL does not answer");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", ex);
        }
    }
}
