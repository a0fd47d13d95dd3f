using Google.Protobuf.Reflection;

namespace Kyodo.ServiceDefaults.Input;

/// <summary>
/// Rules that follow from a field's name, the same in every service: an id is a UUID (or a
/// municipality's code), a municipality code five digits, a fiscal year a short text such as
/// 令和元年度, a page token what the previous page returned. Generous enough that the handler's
/// own check (must be a UUID, must be five digits …) gives the precise answer.
/// </summary>
public static class TextConventions
{
    public static readonly TextRule Id = TextRule.Line(64);
    public static readonly TextRule MunicipalityCodeText = TextRule.Line(16);
    public static readonly TextRule FiscalYearText = TextRule.Line(32);
    public static readonly TextRule PageToken = TextRule.Line(200);
    public static readonly TextRule MaskPath = TextRule.Line(200);

    /// <summary>The convention's rule for <paramref name="field"/>, or null when none applies.</summary>
    public static TextRule? For(FieldDescriptor field)
    {
        if (field.FieldType != FieldType.String) return null;
        var name = field.Name;
        return field.FullName switch
        {
            "kyodo.common.v1.MunicipalityRef.code" => MunicipalityCodeText,
            "kyodo.common.v1.MunicipalityRef.name" => TextRule.Line(100),
            "kyodo.common.v1.PageRequest.page_token" => PageToken,
            "kyodo.common.v1.GetAuditTrailRequest.record_type" => TextRule.Line(50),
            "google.protobuf.FieldMask.paths" => MaskPath,
            _ when name is "id" || name.EndsWith("_id", StringComparison.Ordinal) || name.EndsWith("_ids", StringComparison.Ordinal) => Id,
            _ when name == "municipality_code" => MunicipalityCodeText,
            _ when name == "fiscal_year" || name.EndsWith("_fiscal_year", StringComparison.Ordinal) => FiscalYearText,
            _ => null,
        };
    }
}
