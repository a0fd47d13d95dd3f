using Google.Protobuf.WellKnownTypes;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Plan.Grpc;

/// <summary>
/// Partial updates as AIP-134 has them: the update_mask names the fields to change; without one,
/// every field the request gives a non-empty value changes (so an unset mask never clears
/// anything); "*" changes every field, clearing those left empty. A path the resource does not
/// have is INVALID_ARGUMENT naming update_mask, and nothing changes.
/// </summary>
internal static class UpdateMasks
{
    public static IReadOnlySet<string> Read(FieldMask? mask, IReadOnlyCollection<string> fields, Func<string, bool> given,
        RequestValidation v, string field = "update_mask")
    {
        if (mask is null || mask.Paths.Count == 0) return fields.Where(given).ToHashSet();
        if (mask.Paths.Count == 1 && mask.Paths[0] == "*") return fields.ToHashSet();
        var unknown = mask.Paths.Where(p => !fields.Contains(p)).ToList();
        v.Check(unknown.Count == 0, field, PlanErrors.UnknownMaskPaths(unknown, fields));
        return mask.Paths.Where(fields.Contains).ToHashSet();
    }
}
