using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Input;

namespace Kyodo.Reporting.Grpc;

/// <summary>
/// The text fields of ReportingService requests beyond ids, municipality codes and fiscal years
/// (<see cref="TextConventions"/>): an account path, 会計/款/項/目 joined by '/', one line; an area
/// report's prefecture code and its list of municipality codes, each as short as a code; the
/// overdue report's date (yyyy-MM-dd), as short as a date, one line.
/// </summary>
public static class ReportingTextFields
{
    public static readonly TextRule AccountPath = TextRule.Line(500);
    public static readonly TextRule PrefectureCode = TextRule.Line(16);
    public static readonly TextRule IsoDate = TextRule.Line(20);

    public static TextFieldTable Table { get; } = new(ReportingService.Descriptor)
    {
        { TrendRequest.Descriptor, "account_path", AccountPath },
        { AreaDepartmentSummaryRequest.Descriptor, "municipality_codes", TextConventions.MunicipalityCodeText },
        { AreaDepartmentSummaryRequest.Descriptor, "prefecture_code", PrefectureCode },
        { AreaPlanStructureRequest.Descriptor, "municipality_codes", TextConventions.MunicipalityCodeText },
        { AreaPlanStructureRequest.Descriptor, "prefecture_code", PrefectureCode },
        { AreaTrendRequest.Descriptor, "municipality_codes", TextConventions.MunicipalityCodeText },
        { AreaTrendRequest.Descriptor, "prefecture_code", PrefectureCode },
        { AreaTrendRequest.Descriptor, "account_path", AccountPath },
        { OverdueActualsRequest.Descriptor, "as_of_date", IsoDate },
    };
}
