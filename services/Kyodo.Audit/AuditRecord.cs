namespace Kyodo.Audit;

/// <summary>
/// One save's changes to one record, with who made them, when and from where. Written by
/// <see cref="AuditInterceptor"/> in the same SaveChanges (so the same transaction) as the
/// change itself, and never changed afterwards.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>Time-ordered (UUIDv7, strictly increasing within a process): newest first is id descending.</summary>
    public Guid Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The record's kind as the API names it ("item", "budget_line", "application").</summary>
    public string RecordType { get; private set; } = "";

    public string RecordId { get; private set; } = "";

    /// <summary>The municipality the record belongs to: what GetAuditTrail scopes by.</summary>
    public string? RecordMunicipalityCode { get; private set; }

    /// <summary><see cref="AuditActions"/>.</summary>
    public string Action { get; private set; } = "";

    public string ActorSubject { get; private set; } = "";
    public string? ActorMunicipalityCode { get; private set; }
    public Guid[] ActorDepartments { get; private set; } = [];
    public string[] ActorRoles { get; private set; } = [];

    /// <summary>The client's address: the first X-Forwarded-For entry, else the connection's.</summary>
    public string? Address { get; private set; }

    /// <summary>The connection's remote address (the gateway for calls that came through it).</summary>
    public string? PeerAddress { get; private set; }

    /// <summary>
    /// JSON array of the changed fields: <c>{"entity", "key"?, "field", "before"?, "after"?}</c>, values as JSON;
    /// "before" is absent for what was created, "after" for what was deleted.
    /// </summary>
    public string Changes { get; private set; } = "[]";

    private AuditRecord() { }

    /// <summary>
    /// A change the caller described itself (<see cref="AuditNotes"/>) rather than one read from the
    /// change tracker: stamped with the caller and time by the save that stores it, every attempt.
    /// </summary>
    internal bool IsNote { get; private set; }

    internal AuditRecord(Guid id, AuditRecordKey record, string? recordMunicipalityCode, string action, string changes, bool isNote)
    {
        Id = id;
        RecordType = record.Type;
        RecordId = record.Id;
        RecordMunicipalityCode = recordMunicipalityCode;
        Action = action;
        Changes = changes;
        IsNote = isNote;
    }

    /// <summary>Who and when: the saving request's caller at the save's time.</summary>
    internal void Stamp(DateTimeOffset occurredAt, AuditActor actor)
    {
        OccurredAt = occurredAt.ToUniversalTime();
        ActorSubject = actor.Subject;
        ActorMunicipalityCode = actor.MunicipalityCode;
        ActorDepartments = [.. actor.Departments];
        ActorRoles = [.. actor.Roles];
        Address = actor.Address;
        PeerAddress = actor.PeerAddress;
    }
}

public static class AuditActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
}

/// <summary>Which record a change belongs to.</summary>
public readonly record struct AuditRecordKey(string Type, string Id);
