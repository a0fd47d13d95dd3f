using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>Notices SaveChanges calls that add outbox rows and notifies the relay after they are saved.</summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfRemembered(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfRemembered(eventData.Context);
        return result;
    }

    private void Remember(DbContext? db)
    {
        if (db is not null && db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            _pending.AddOrUpdate(db, true);
    }

    private void NotifyIfRemembered(DbContext? db)
    {
        if (db is not null && _pending.Remove(db)) signal.Notify();
    }
}
