using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.Testing;

/// <summary>The interceptors a service's DbContext runs, in the order EF runs them.</summary>
public static class SaveInterceptors
{
    /// <summary>
    /// What a service that keeps an audit trail runs: the version counters move first (the audit rows leave
    /// them out), the outbox signal notes the save, the audit trail adds its rows to the same save, and only
    /// then are savepoints turned off, writes watched and row locks added to queries (ADR 017).
    /// </summary>
    public static readonly IReadOnlyList<string> OfAnAuditingService =
    [
        "RowVersionInterceptor", "OutboxSignalInterceptor", "AuditInterceptor",
        "NoSavepointsInterceptor", "DatabaseWriteWatch", "RowLockInterceptor",
    ];

    /// <summary>The interceptors of the <typeparamref name="TContext"/> the service's container hands out, by type name.</summary>
    public static IReadOnlyList<string> Of<TContext>(IServiceProvider services) where TContext : DbContext
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var core = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>();
        return core?.Interceptors?.Select(i => i.GetType().Name).ToList() ?? [];
    }
}
