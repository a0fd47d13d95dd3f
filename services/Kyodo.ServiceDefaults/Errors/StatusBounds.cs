using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Kyodo.Security;
using Status = Google.Rpc.Status;

namespace Kyodo.ServiceDefaults.Errors;

/// <summary>
/// Keeps every status a service sends within <see cref="HeaderLimits.ServiceTrailerBytes"/>: a
/// status travels as trailers (grpc-message, percent-encoded, and grpc-status-details-bin, base64 of
/// the google.rpc.Status), and every HTTP/2 peer on the way must decode them whole. The gateway's
/// HPACK decoder that met a trailer above its limit closed the connection it shares with every other
/// caller of that service, so no status may grow with what a caller sent: the message is cut, each
/// field violation's path and description too, and violations beyond the budget are summed up in one.
/// </summary>
public static class StatusBounds
{
    /// <summary>Percent-encoded, a character takes at most 9 bytes (3 UTF-8 bytes as %XX): 4.5 KiB.</summary>
    public const int MaxMessageChars = 500;

    /// <summary>The serialized google.rpc.Status, message included (base64 makes it a third larger): 8 KiB.</summary>
    public const int MaxStatusBytes = 8 * 1024;

    public const int MaxFieldChars = 200;
    public const int MaxDescriptionChars = 300;
    public const int MaxMetadataChars = 200;

    /// <summary>The largest trailers a bounded status makes: grpc-status, grpc-message and grpc-status-details-bin with their
    /// names.</summary>
    public const int WorstCaseTrailerBytes = 64 + MaxMessageChars * 9 + (MaxStatusBytes + 2) / 3 * 4;

    /// <summary>The status cut to the bounds; the same instance when it is within them.</summary>
    public static Status Bound(Status status)
    {
        if (status.Message.Length <= MaxMessageChars && status.CalculateSize() <= MaxStatusBytes && status.Details.All(WithinLimits))
            return status;

        var bounded = new Status { Code = status.Code, Message = Cut(status.Message, MaxMessageChars) };
        foreach (var detail in status.Details) bounded.Details.Add(BoundDetail(detail));
        // Still too large (a BadRequest of thousands of fields): keep the violations that fit.
        if (bounded.CalculateSize() > MaxStatusBytes) ShedViolations(bounded);
        if (bounded.CalculateSize() > MaxStatusBytes) bounded.Details.Clear();
        return bounded;
    }

    /// <summary>
    /// An RpcException leaving the service (one a handler or interceptor threw, or a dependency's passed
    /// on) cut to the bounds, its other trailers dropped when they do not fit; the same one when within them.
    /// </summary>
    public static RpcException Bound(RpcException ex)
    {
        if (!Exceeds(ex)) return ex;
        var status = ex.GetRpcStatus() ?? new Status { Code = (int)ex.StatusCode, Message = ex.Status.Detail };
        return Bound(status).ToRpcException();
    }

    /// <summary>Whether the exception's message or trailers are beyond the bounds.</summary>
    public static bool Exceeds(RpcException ex) =>
        ex.Status.Detail.Length > MaxMessageChars
        || ex.Trailers.Sum(t => t.Key.Length + (t.IsBinary ? (t.ValueBytes.Length + 2) / 3 * 4 : t.Value.Length)) > MaxStatusBytes * 4 / 3
            + 64;

    /// <summary>At most <paramref name="max"/> characters, never half a surrogate pair, saying how long it was.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var suffix = $"… ({text.Length:N0} characters)";
        var keep = Math.Max(0, max - suffix.Length);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--;
        return text[..keep] + suffix;
    }

    private static bool WithinLimits(Any detail)
    {
        if (detail.TryUnpack<BadRequest>(out var bad))
            return bad.FieldViolations.All(v => v.Field.Length <= MaxFieldChars && v.Description.Length <= MaxDescriptionChars);
        if (detail.TryUnpack<ErrorInfo>(out var info))
            return info.Metadata.All(m => m.Key.Length <= MaxMetadataChars && m.Value.Length <= MaxMetadataChars);
        if (detail.TryUnpack<ResourceInfo>(out var resource))
            return resource.ResourceName.Length <= MaxMetadataChars;
        return true;
    }

    private static Any BoundDetail(Any detail)
    {
        if (detail.TryUnpack<BadRequest>(out var bad))
        {
            var bounded = new BadRequest();
            bounded.FieldViolations.AddRange(bad.FieldViolations.Select(v => new BadRequest.Types.FieldViolation
            {
                Field = Cut(v.Field, MaxFieldChars), Description = Cut(v.Description, MaxDescriptionChars),
            }));
            return Any.Pack(bounded);
        }
        if (detail.TryUnpack<ErrorInfo>(out var info))
        {
            var bounded = new ErrorInfo { Reason = Cut(info.Reason, MaxMetadataChars), Domain = Cut(info.Domain, MaxMetadataChars) };
            foreach (var (key, value) in info.Metadata.Take(
                20)) bounded.Metadata[Cut(key, MaxMetadataChars)] = Cut(value, MaxMetadataChars);
            return Any.Pack(bounded);
        }
        if (detail.TryUnpack<ResourceInfo>(out var resource))
            return Any.Pack(new ResourceInfo
            {
                ResourceType = Cut(resource.ResourceType, MaxMetadataChars),
                ResourceName = Cut(resource.ResourceName, MaxMetadataChars)
            });
        return detail;
    }

    /// <summary>Drops field violations from the end until the status fits, and says how many were left out.</summary>
    private static void ShedViolations(Status status)
    {
        var index = status.Details.ToList().FindIndex(d => d.Is(BadRequest.Descriptor));
        if (index < 0) return;
        var all = status.Details[index].Unpack<BadRequest>().FieldViolations.ToList();
        var kept = all.Count;
        while (kept > 0)
        {
            kept = kept > 64 ? kept / 2 : kept - 1;
            var shed = new BadRequest();
            shed.FieldViolations.AddRange(all.Take(kept));
            shed.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = "", Description = $"and {all.Count - kept:N0} more bad fields, not listed (fix those above and send again)",
            });
            status.Details[index] = Any.Pack(shed);
            if (status.CalculateSize() <= MaxStatusBytes) return;
        }
    }
}
