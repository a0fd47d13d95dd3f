using Google.Protobuf;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Security;

namespace Kyodo.Reporting.Grpc;

/// <summary>
/// Who may call each ReportingService method (deny by default: a method missing here is refused).
/// Every report is a read of one municipality, named by code in the request and checked here
/// before the report is built; ids inside a request are looked up only within that municipality,
/// so another municipality's id answers NOT_FOUND like a missing one. The GetArea… reports (and
/// their exports) are decided by the area they name instead: see CallAccess.DecideArea.
/// </summary>
public static class ReportingAccess
{
    private static AccessRule ReadOf<TRequest>(Func<TRequest, string?> municipality) where TRequest : IMessage =>
        AccessRule.Read.In(municipality, "municipality_code");

    public static AccessTable Table { get; } = new(ReportingService.Descriptor.FullName, new Dictionary<string, AccessRule>
    {
        [nameof(ReportingService.ReportingServiceBase.GetMunicipalityOverview)] =
            ReadOf<GetMunicipalityOverviewRequest>(r => r.MunicipalityCode),
        [nameof(ReportingService.ReportingServiceBase.GetDepartmentSummary)] = ReadOf<DepartmentSummaryRequest>(r => r.MunicipalityCode),
        [nameof(ReportingService.ReportingServiceBase.GetProgramSheet)] = ReadOf<ProgramSheetRequest>(r => r.MunicipalityCode),
        [nameof(ReportingService.ReportingServiceBase.GetResultsTable)] = ReadOf<ResultsTableRequest>(r => r.MunicipalityCode),
        [nameof(ReportingService.ReportingServiceBase.GetPriorityGoalList)] = ReadOf<PriorityGoalListRequest>(r => r.MunicipalityCode),
        [nameof(ReportingService.ReportingServiceBase.GetPlanItemList)] = ReadOf<PlanReportRequest>(r => r.MunicipalityCode),
        [nameof(ReportingService.ReportingServiceBase.GetScheduleTable)] = ReadOf<PlanReportRequest>(r => r.MunicipalityCode),
        [nameof(ReportingService.ReportingServiceBase.GetTrend)] = ReadOf<TrendRequest>(r => r.MunicipalityCode),
        [nameof(ReportingService.ReportingServiceBase.GetPlanStructure)] = ReadOf<PlanStructureRequest>(r => r.MunicipalityCode),
        [nameof(ReportingService.ReportingServiceBase.GetEvaluationSummary)] = ReadOf<EvaluationSummaryRequest>(r => r.MunicipalityCode),
        [nameof(ReportingService.ReportingServiceBase.GetOverdueActuals)] = ReadOf<OverdueActualsRequest>(r => r.MunicipalityCode),
        [nameof(ReportingService.ReportingServiceBase.GetAreaDepartmentSummary)] =
            Area<AreaDepartmentSummaryRequest>(r => (r.PrefectureCode, r.MunicipalityCodes)),
        [nameof(ReportingService.ReportingServiceBase.GetAreaPlanStructure)] =
            Area<AreaPlanStructureRequest>(r => (r.PrefectureCode, r.MunicipalityCodes)),
        [nameof(ReportingService.ReportingServiceBase.GetAreaTrend)] = Area<AreaTrendRequest>(r => (r.PrefectureCode, r.MunicipalityCodes)),
        [nameof(ReportingService.ReportingServiceBase.ExportReport)] =
            AccessRule.Read.In<ExportReportRequest>(MunicipalityOfExport, "report.municipality_code")
            .Across<ExportReportRequest>(AreaOfExport),
    });

    /// <summary>A read across municipalities: decided by the area it names (CallAccess.DecideArea), never by a municipality.</summary>
    private static AccessRule Area<TRequest>(
        Func<TRequest, (string Prefecture, IEnumerable<string> Municipalities)> area) where TRequest : IMessage =>
        AccessRule.Read.Across<TRequest>(r => Asked(area(r)));

    private static AreaAsked Asked((string Prefecture, IEnumerable<string> Municipalities) area, string prefix = "") =>
        new(area.Prefecture, area.Municipalities.ToList(), $"{prefix}prefecture_code", $"{prefix}municipality_codes");

    /// <summary>The area of an export of an area report; null for a report of one municipality.</summary>
    private static AreaAsked? AreaOfExport(ExportReportRequest request) => request.ReportCase switch
    {
        ExportReportRequest.ReportOneofCase.AreaDepartmentSummary =>
            Asked((request.AreaDepartmentSummary.PrefectureCode, request.AreaDepartmentSummary.MunicipalityCodes), "report."),
        ExportReportRequest.ReportOneofCase.AreaPlanStructure =>
            Asked((request.AreaPlanStructure.PrefectureCode, request.AreaPlanStructure.MunicipalityCodes), "report."),
        ExportReportRequest.ReportOneofCase.AreaTrend =>
            Asked((request.AreaTrend.PrefectureCode, request.AreaTrend.MunicipalityCodes), "report."),
        _ => null,
    };

    /// <summary>The municipality_code of whichever report of one municipality the export asks for (every such request has one).</summary>
    private static string? MunicipalityOfExport(ExportReportRequest request)
    {
        var chosen = ExportReportRequest.Descriptor.Oneofs.Single(o => o.Name == "report").Accessor.GetCaseFieldDescriptor(request);
        if (chosen?.Accessor.GetValue(request) is not IMessage report) return null;
        return report.Descriptor.FindFieldByName("municipality_code")?.Accessor.GetValue(report) as string;
    }
}
