using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ActorMessage = Kyodo.Common.V1.AuditActor;

namespace Kyodo.Audit;

/// <summary>GetAuditTrail, the same in every service that keeps a trail: one record's entries, newest first.</summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<GetAuditTrailResponse> ReadAsync(DbContext db, GetAuditTrailRequest request, ServerCallContext context)
    {
        var known = RecordTypes(db.Model);
        var validation = new RequestValidation()
            .ValidMunicipalityCode(request.MunicipalityCode, "municipality_code")
            .Check(known.Contains(request.RecordType), "record_type",
                $"must be one of {string.Join(", ", known.Order(StringComparer.Ordinal))}")
            .Required(request.RecordId, "record_id")
            .MaxLength(request.RecordId, 200, "record_id");
        var page = Paging.Read(request.Page, validation);
        validation.ThrowIfInvalid();

        // The access rule already refused another municipality's code; this keeps the handler safe on its own.
        context.Access().EnsureReaches(request.MunicipalityCode, request.RecordType, request.RecordId);

        var query = db.Set<AuditRecord>().AsNoTracking().Where(a =>
            a.RecordMunicipalityCode == request.MunicipalityCode && a.RecordType == request.RecordType && a.RecordId == request.RecordId);
        if (page.After is { } after) query = query.Where(a => a.Id.CompareTo(after) < 0);
        var rows = await query.OrderByDescending(a => a.Id).Take(page.Size + 1).ToListAsync(context.CancellationToken);
        if (rows.Count == 0 && page.After is null) throw new NotFoundException(request.RecordType, request.RecordId);

        var response = new GetAuditTrailResponse { Page = Paging.Next(rows, page.Size, a => a.Id) };
        response.Entries.AddRange(rows.Take(page.Size).Select(ToMessage));
        return response;
    }

    /// <summary>The record kinds this context audits: what record_type accepts.</summary>
    public static IReadOnlySet<string> RecordTypes(IModel model) => AuditTargets.RecordTypes(model);

    /// <summary>Record kinds whose municipality cannot be found (so whose trail nobody could read): none, in a sound model.</summary>
    public static IReadOnlyList<string> RecordTypesWithoutMunicipality(IModel model) =>
        model.GetEntityTypes().Select(AuditTargets.For).OfType<AuditTarget>()
            .Where(t => t.IsRecord && !AuditMunicipalities.CanPlace(t.EntityType)).Select(t => t.RecordType).ToList();

    private static AuditEntry ToMessage(AuditRecord row)
    {
        var entry = new AuditEntry
        {
            Id = row.Id.ToString(),
            OccurredAt = Timestamp.FromDateTimeOffset(row.OccurredAt),
            RecordType = row.RecordType,
            RecordId = row.RecordId,
            Action = row.Action,
            Actor = ActorOf(row),
        };
        foreach (var change in JsonNode.Parse(row.Changes)!.AsArray().OfType<JsonObject>())
        {
            entry.Changes.Add(new AuditChange
            {
                Entity = (string?)change["entity"] ?? "",
                EntityKey = change["key"] is { } key ? key.ToJsonString(Readable) : "",
                Field = (string?)change["field"] ?? "",
                Before = Text(change, "before"),
                After = Text(change, "after"),
            });
        }
        return entry;
    }

    private static ActorMessage ActorOf(AuditRecord row)
    {
        var actor = new ActorMessage
        {
            Subject = row.ActorSubject,
            MunicipalityCode = row.ActorMunicipalityCode ?? "",
            Address = row.Address ?? "",
            PeerAddress = row.PeerAddress ?? "",
        };
        actor.DepartmentIds.AddRange(row.ActorDepartments.Select(d => d.ToString()));
        actor.Roles.AddRange(row.ActorRoles);
        return actor;
    }

    /// <summary>Absent (created / deleted) is empty; a present JSON null is "null".</summary>
    private static string Text(JsonObject change, string name) =>
        change.TryGetPropertyValue(name, out var value) ? value?.ToJsonString(Readable) ?? "null" : "";
}
