using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.Reports;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Grpc;

/// <summary>kyodo.reporting.v1.ReportingService: answers from the read models only.</summary>
public sealed partial class ReportingGrpcService(ReportingDbContext db, TimeProvider clock) : ReportingService.ReportingServiceBase
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>The day reporting deadlines are judged on, as plan judges them: today in Japan.</summary>
    private DateOnly Today => DeadlineDays.Today(clock);

    public override Task<GetMunicipalityOverviewResponse> GetMunicipalityOverview(GetMunicipalityOverviewRequest request,
        ServerCallContext context)
    {
        new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code").ThrowIfInvalid();
        return db.InSnapshotAsync(() => OverviewAsync(request.MunicipalityCode, context.CancellationToken), context.CancellationToken);
    }

    private async Task<GetMunicipalityOverviewResponse> OverviewAsync(string code, CancellationToken ct)
    {

        var plans = db.Plans.AsNoTracking().Where(p => p.MunicipalityCode == code && !p.Deleted);
        var lines = db.BudgetLines.AsNoTracking().Where(l => l.MunicipalityCode == code && !l.Deleted);
        var programs = db.SubsidyPrograms.AsNoTracking().Where(p => p.MunicipalityCode == code && !p.Deleted);
        var items = db.Items.AsNoTracking().Where(i => i.MunicipalityCode == code && !i.Deleted && plans.Any(p => p.PlanId == i.PlanId));
        var applications = db.Applications.AsNoTracking().Where(a => a.MunicipalityCode == code);

        var newest = new[]
        {
            await db.Plans.Where(p => p.MunicipalityCode == code).MaxAsync(p => (DateTimeOffset?)p.AsOf, ct),
            await db.BudgetLines.Where(l => l.MunicipalityCode == code).MaxAsync(l => (DateTimeOffset?)l.AsOf, ct),
            await db.SubsidyPrograms.Where(p => p.MunicipalityCode == code).MaxAsync(p => (DateTimeOffset?)p.AsOf, ct),
            await db.Items.Where(i => i.MunicipalityCode == code).MaxAsync(i => (DateTimeOffset?)i.AsOf, ct),
            await applications.MaxAsync(a => (DateTimeOffset?)a.AsOf, ct),
        }.Max();

        return new GetMunicipalityOverviewResponse
        {
            MunicipalityCode = code,
            PlanCount = await plans.CountAsync(ct),
            BudgetLineCount = await lines.CountAsync(ct),
            BudgetCostYen = await lines.SumAsync(l => l.CostYen, ct),
            SubsidyProgramCount = await programs.CountAsync(ct),
            ItemCount = await items.CountAsync(ct),
            ApplicationCount = await applications.CountAsync(ct),
            AsOf = newest is { } asOf ? Timestamp.FromDateTimeOffset(asOf) : null,
        };
    }

    public override Task<Report> GetDepartmentSummary(DepartmentSummaryRequest request, ServerCallContext context) =>
        DepartmentSummaryAsync(request, context.CancellationToken);

    public override Task<Report> GetPlanItemList(PlanReportRequest request, ServerCallContext context) =>
        ItemListAsync(request, context.CancellationToken);

    public override Task<Report> GetScheduleTable(PlanReportRequest request, ServerCallContext context) =>
        ScheduleTableAsync(request, context.CancellationToken);

    public override async Task ExportReport(ExportReportRequest request, IServerStreamWriter<FileChunk> responseStream,
        ServerCallContext context)
    {
        new RequestValidation()
            .Check(request.Format != ExportFormat.Unspecified && System.Enum.IsDefined(request.Format), "format",
                ReportingErrors.FormatRequired)
            .Check(System.Enum.IsDefined(request.Paper), "paper", SharedMessages.NotAValueOf("PaperSize"))
            .Check(request.Paper == PaperSize.Unspecified || request.Format != ExportFormat.Csv, "paper", ReportingErrors.PaperNotForCsv)
            .ThrowIfInvalid();
        var ct = context.CancellationToken;
        if (request.ReportCase == ExportReportRequest.ReportOneofCase.EvaluationSheet)
        {
            var sheet = await EvaluationSheetAsync(request, ct);
            await StreamAsync(responseStream, sheet, $"evaluation-sheet-{request.EvaluationSheet.MunicipalityCode}-FY"
                + $"{request.EvaluationSheet.FiscalYear}.pdf", "application/pdf", ct);
            return;
        }
        var (report, name) = request.ReportCase switch
        {
            ExportReportRequest.ReportOneofCase.DepartmentSummary =>
                (await DepartmentSummaryAsync(request.DepartmentSummary, ct), "department-summary"),
            ExportReportRequest.ReportOneofCase.PlanItemList => (await ItemListAsync(request.PlanItemList, ct), "plan-item-list"),
            ExportReportRequest.ReportOneofCase.ScheduleTable => (await ScheduleTableAsync(request.ScheduleTable, ct), "schedule-table"),
            ExportReportRequest.ReportOneofCase.ProgramSheet => (await ProgramSheetAsync(request.ProgramSheet, ct), "program-sheet"),
            ExportReportRequest.ReportOneofCase.ResultsTable => (await ResultsTableAsync(request.ResultsTable, ct), "results-table"),
            ExportReportRequest.ReportOneofCase.PriorityGoalList =>
                (await PriorityGoalListAsync(request.PriorityGoalList, ct), "priority-goal-list"),
            ExportReportRequest.ReportOneofCase.Trend => (await TrendAsync(request.Trend, ct), "trend"),
            ExportReportRequest.ReportOneofCase.PlanStructure => (await PlanStructureAsync(request.PlanStructure, ct), "plan-structure"),
            ExportReportRequest.ReportOneofCase.AreaDepartmentSummary =>
                (await AreaDepartmentSummaryAsync(request.AreaDepartmentSummary, ct), "area-department-summary"),
            ExportReportRequest.ReportOneofCase.AreaPlanStructure =>
                (await AreaPlanStructureAsync(request.AreaPlanStructure, ct), "area-plan-structure"),
            ExportReportRequest.ReportOneofCase.AreaTrend => (await AreaTrendAsync(request.AreaTrend, ct), "area-trend"),
            ExportReportRequest.ReportOneofCase.EvaluationSummary =>
                (await EvaluationSummaryAsync(request.EvaluationSummary, ct), "evaluation-summary"),
            ExportReportRequest.ReportOneofCase.OverdueActuals =>
                (await OverdueActualsAsync(request.OverdueActuals, ct), "overdue-actuals"),
            ExportReportRequest.ReportOneofCase.None =>
                throw new RequestValidationException([new FieldViolation("report", ReportingErrors.ReportRequired)]),
            _ => throw new NotImplementedYetException(ReportingErrors.NotAvailableYet(request.ReportCase.ToString())),
        };
        var (bytes, extension, contentType) = request.Format switch
        {
            ExportFormat.Csv => (CsvExport.Write(report), "csv", "text/csv; charset=utf-8"),
            ExportFormat.Pdf => (PdfExport.Write(report, ExportConditions.Of(request), request.Paper), "pdf", "application/pdf"),
            _ => (XlsxExport.Write(report, ExportConditions.Of(request), request.Paper), "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        };
        await StreamAsync(responseStream, bytes, $"{name}-{FileScope(request, report)}.{extension}", contentType, ct);
    }

    /// <summary>A file in chunks of <see cref="ChunkBytes"/>, the first naming it.</summary>
    private static async Task StreamAsync(IServerStreamWriter<FileChunk> responseStream, byte[] bytes, string fileName, string contentType,
        CancellationToken ct)
    {
        for (var offset = 0; offset < bytes.Length || offset == 0; offset += ChunkBytes)
        {
            var chunk = new FileChunk { Data = ByteString.CopyFrom(bytes, offset, Math.Min(ChunkBytes, bytes.Length - offset)) };
            if (offset == 0) (chunk.FileName, chunk.ContentType) = (fileName, contentType);
            await responseStream.WriteAsync(chunk, ct);
            if (bytes.Length == 0) break;
        }
    }

    /// <summary>What a file name says it covers: the municipality, else the prefecture asked for, else "area".</summary>
    private static string FileScope(ExportReportRequest request, Report report) =>
        report.MunicipalityCode.Length > 0 ? report.MunicipalityCode
        : new[] { request.AreaDepartmentSummary?.PrefectureCode, request.AreaPlanStructure?.PrefectureCode,
            request.AreaTrend?.PrefectureCode }
            .FirstOrDefault(p => p is { Length: > 0 }) ?? "area";

    private Task<Report> DepartmentSummaryAsync(DepartmentSummaryRequest request, CancellationToken ct)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code")
            .Check(FiscalYears.IsPlausible(request.FiscalYearFrom), "fiscal_year_from", SharedMessages.PlausibleFiscalYear)
            .Check(request.FiscalYearTo == 0 || request.FiscalYearTo >= request.FiscalYearFrom, "fiscal_year_to",
                ReportingErrors.ToNotBeforeFrom);
        var thresholds = ReadThresholds(request, v);
        Guid? planId = string.IsNullOrEmpty(request.PlanId) ? null : v.Id(request.PlanId, "plan_id");
        Guid? departmentId = string.IsNullOrEmpty(request.DepartmentId) ? null : v.Id(request.DepartmentId, "department_id");
        var nodeId = OptionalId(v, request.NodeId, "node_id");
        v.ThrowIfInvalid();
        var to = request.FiscalYearTo == 0 ? request.FiscalYearFrom : request.FiscalYearTo;
        return db.InSnapshotAsync(() => DepartmentSummary.BuildAsync(db, request.MunicipalityCode, request.FiscalYearFrom, to, planId,
            departmentId, nodeId, thresholds, Today, ct), ct);
    }

    private static AchievementThresholds ReadThresholds(DepartmentSummaryRequest request, RequestValidation v) =>
        ReadThresholds(request.AchievedAt, request.OnTrackAt, v);

    /// <summary>Each given threshold within (0, 10]; then, defaults applied, on track not above achieved (naming both).</summary>
    private static AchievementThresholds ReadThresholds(double achievedAt, double onTrackAt, RequestValidation v)
    {
        var achievedValid = achievedAt == 0 || achievedAt is > 0 and <= AchievementThresholds.Highest;
        var onTrackValid = onTrackAt == 0 || onTrackAt is > 0 and <= AchievementThresholds.Highest;
        v.Check(achievedValid, "achieved_at", ReportingErrors.ThresholdRange)
            .Check(onTrackValid, "on_track_at", ReportingErrors.ThresholdRange);
        var thresholds = AchievementThresholds.Of(achievedAt, onTrackAt);
        if (achievedValid && onTrackValid && thresholds.OnTrackAt > thresholds.AchievedAt)
        {
            v.Check(false, "on_track_at", ReportingErrors.OnTrackAboveAchieved(thresholds.OnTrackAt, thresholds.AchievedAt,
                    AchievementThresholds.DefaultAchievedAt, AchievementThresholds.DefaultOnTrackAt))
                .Check(false, "achieved_at", ReportingErrors.OnTrackAboveAchieved(thresholds.OnTrackAt, thresholds.AchievedAt,
                    AchievementThresholds.DefaultAchievedAt, AchievementThresholds.DefaultOnTrackAt));
        }
        return thresholds;
    }
}
