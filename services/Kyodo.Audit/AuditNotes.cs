using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Audit;

/// <summary>One field of a change the change tracker cannot see, before and after.</summary>
public sealed record AuditedField(string Field, object? Before, object? After);

/// <summary>
/// The audit trail of writes the change tracker does not see (raw SQL upserts that must be
/// race-safe): the writer describes the change, and the next SaveChanges of the same context
/// stamps it with the caller and time and stores it. Call inside the transaction that holds the
/// raw write, and save in it, so the write and its audit row still commit together.
/// </summary>
public static class AuditNotes
{
    public static void AuditWrite(this DbContext db, string recordType, string recordId, string? municipalityCode, string action,
        IEnumerable<AuditedField> fields)
    {
        var changes = new JsonArray();
        foreach (var field in fields)
        {
            var change = new JsonObject { ["entity"] = recordType, ["field"] = field.Field };
            if (action != AuditActions.Created) change["before"] = AuditValues.ToJson(field.Before);
            if (action != AuditActions.Deleted) change["after"] = AuditValues.ToJson(field.After);
            changes.Add(change);
        }
        // The id is taken now, so notes keep their order among themselves and before the save's own rows.
        db.Add(new AuditRecord(AuditIds.Next(DateTimeOffset.UtcNow), new AuditRecordKey(recordType, recordId), municipalityCode, action,
            changes.ToJsonString(), isNote: true));
    }
}
