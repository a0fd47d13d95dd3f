using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Kyodo.Reporting.V1;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// What an export was asked for, field by field as the request's proto names them
/// (fiscal_year_from = 2009, department_id = …): every field set, so a file read later says
/// which years, filters and thresholds it was made with. The municipality has its own line.
/// </summary>
internal static class ExportConditions
{
    public static IReadOnlyList<(string Name, string Value)> Of(ExportReportRequest request)
    {
        var chosen = ExportReportRequest.Descriptor.Oneofs.Single(o => o.Name == "report").Accessor.GetCaseFieldDescriptor(request);
        if (chosen?.Accessor.GetValue(request) is not IMessage report) return [];
        return report.Descriptor.Fields.InDeclarationOrder()
            .Where(f => f.Name != "municipality_code")
            .Select(f => (f.Name, Value: Text(f, f.Accessor.GetValue(report))))
            .Where(c => c.Value.Length > 0)
            .ToList();
    }

    /// <summary>The value as text, "" when the field is unset (its default).</summary>
    private static string Text(FieldDescriptor field, object? value) => value switch
    {
        IList list when field.IsRepeated => string.Join(",", list.Cast<object>().Select(v => Scalar(field, v))),
        _ => Scalar(field, value),
    };

    private static string Scalar(FieldDescriptor field, object? value) => value switch
    {
        null => "",
        string s => s,
        int i when !field.IsRepeated && i == 0 => "",
        double d when !field.IsRepeated && d == 0 => "",
        bool b => b ? "true" : "",
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture) == 0 ? ""
            : field.EnumType.FindValueByNumber(Convert.ToInt32(e, CultureInfo.InvariantCulture))?.Name ?? e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
