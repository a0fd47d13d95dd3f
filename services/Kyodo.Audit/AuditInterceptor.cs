using System.Text.Json.Nodes;
using Kyodo.ServiceDefaults;
using Kyodo.ServiceDefaults.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kyodo.Audit;

/// <summary>
/// Before every save of a context that maps the audit trail (<see cref="AuditModelBuilderExtensions.AddAuditTrail"/>),
/// turns the rows it adds, changes and deletes into one <see cref="AuditRecord"/> per record and
/// adds those to the same save: the change and its audit rows commit in one transaction or not at all.
/// The caller is the current request's (its validated token's claims); a save outside any request is recorded as
/// <c>system:&lt;service&gt;</c>, never skipped.
/// Writes that bypass the change tracker (raw SQL upserts) describe themselves with <see cref="AuditNotes"/>.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock, ServiceIdentity service)
    : SaveChangesInterceptor, ISameSaveWriter
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) await AddAuditRecordsAsync(db, async: true, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        // Synchronous all the way down when async is false: the task is complete when it returns.
        if (eventData.Context is { } db) AddAuditRecordsAsync(db, async: false, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private async Task AddAuditRecordsAsync(DbContext db, bool async, CancellationToken ct)
    {
        if (db.Model.FindEntityType(typeof(AuditRecord)) is null) return;
        var tracker = db.ChangeTracker;

        // Audit rows of an earlier attempt of this save that failed are computed again below.
        foreach (var stale in tracker.Entries<AuditRecord>().Where(e => e.State == EntityState.Added && !e.Entity.IsNote).ToList())
            stale.State = EntityState.Detached;
        tracker.DetectChanges();
        var notes = tracker.Entries<AuditRecord>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

        var entries = tracker.Entries().ToList();
        var byRecord = new Dictionary<AuditRecordKey, List<(EntityEntry Entry, AuditTarget Target)>>();
        var tracked = new Dictionary<(IEntityType, string), EntityEntry>();
        foreach (var entry in entries)
        {
            if (AuditTargets.For(entry.Metadata) is not { } target) continue;
            if (target.IsRecord) tracked[(entry.Metadata, RecordIdOf(entry, target))] = entry;
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var record = new AuditRecordKey(target.RecordType, RecordIdOf(entry, target));
            if (!byRecord.TryGetValue(record, out var rows)) byRecord[record] = rows = [];
            rows.Add((entry, target));
        }
        if (byRecord.Count == 0 && notes.Count == 0) return;

        var actor = http.HttpContext is { } request ? AuditActor.FromRequest(request) : AuditActor.System(service.Name);
        var now = clock.GetUtcNowForStorage();
        foreach (var note in notes) note.Stamp(now, actor);
        var municipalities = new AuditMunicipalities(db, tracked);
        foreach (var (record, rows) in byRecord)
        {
            // The record's own row first, then its parts, each in the model's property order.
            var own = rows.FirstOrDefault(r => r.Target.IsRecord).Entry;
            var changes = new JsonArray();
            foreach (var (entry, target) in rows.OrderBy(r => r.Target.IsRecord ? 0 : 1))
                foreach (var change in AuditChanges.Of(entry, target))
                    changes.Add(change);
            if (changes.Count == 0) continue; // marked modified, but no value differs

            var action = own?.State switch
            {
                EntityState.Added => AuditActions.Created,
                EntityState.Deleted => AuditActions.Deleted,
                _ => AuditActions.Updated,
            };
            var (first, target0) = rows[0];
            var recordKey = AuditValues.Stored(first.Property(target0.RecordIdProperties[0]))!;
            var municipality = await municipalities.OfAsync(target0.RecordEntityType, recordKey, own, async, ct);
            var audit = new AuditRecord(AuditIds.Next(now), record, municipality, action, changes.ToJsonString(), isNote: false);
            audit.Stamp(now, actor);
            db.Add(audit);
        }
    }

    private static string RecordIdOf(EntityEntry entry, AuditTarget target) =>
        AuditValues.KeyText(AuditValues.Stored(entry.Property(target.RecordIdProperties[0]))
            ?? throw new InvalidOperationException($"A {target.EntityName} row has no {target.RecordType} id."));
}
