using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.ServiceDefaults.Data;

/// <summary>
/// A record's version (what callers send back for optimistic concurrency) counts that record's own
/// changes: 1 when created, one more at each save that changes its row. It used to be PostgreSQL's
/// xmin, the id of the last transaction that wrote the row, drawn from one counter for the whole
/// database: the gap between a tenant's own versions told how much every other tenant wrote meanwhile.
/// The column is an ordinary concurrency token, so a save from a stale read still fails (ABORTED).
/// </summary>
public static class RowVersions
{
    /// <summary>Marks the property <see cref="RowVersionInterceptor"/> counts (and the audit trail leaves out).</summary>
    public const string Annotation = "Kyodo:RowVersion";

    /// <summary>Maps <paramref name="property"/> as the row's version counter, column <c>version</c>.</summary>
    public static PropertyBuilder<long> IsRowVersionCounter(this PropertyBuilder<long> property) =>
        property.HasColumnName("version").IsConcurrencyToken().HasAnnotation(Annotation, true);
}

/// <summary>Before each save, sets every added row's version to 1 and moves every changed row's on by one.</summary>
public sealed class RowVersionInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Count(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Count(db);
        return ValueTask.FromResult(result);
    }

    private static void Count(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            var counter = entry.Metadata.GetProperties().FirstOrDefault(p => p.FindAnnotation(RowVersions.Annotation) is not null);
            if (counter is null) continue;
            var version = entry.Property(counter.Name);
            // From the version read, not the current one: a save retried after a failure counts once.
            version.CurrentValue = entry.State == EntityState.Added ? 1L : (long)version.OriginalValue! + 1;
        }
    }
}
