using Grpc.Core;
using Kyodo.Printing;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.Reports;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Reporting.Grpc;

/// <summary>Report 8, the evaluation summary, and the 事務事業評価シート (export only), their requests checked before either is built.</summary>
public sealed partial class ReportingGrpcService
{
    public override Task<Report> GetEvaluationSummary(EvaluationSummaryRequest request, ServerCallContext context) =>
        EvaluationSummaryAsync(request, context.CancellationToken);

    private Task<Report> EvaluationSummaryAsync(EvaluationSummaryRequest request, CancellationToken ct)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code")
            .Check(FiscalYears.IsPlausible(request.FiscalYear), "fiscal_year", SharedMessages.PlausibleFiscalYear);
        var planId = OptionalId(v, request.PlanId, "plan_id");
        v.ThrowIfInvalid();
        return db.InSnapshotAsync(
            () => EvaluationSummary.BuildAsync(db, request.MunicipalityCode, request.FiscalYear, planId, request.ApprovedOnly, ct), ct);
    }

    /// <summary>The 事務事業評価シート as PDF: a form, laid out by Kyodo.Printing as the CLI prints it, so no CSV or XLSX of it.</summary>
    private async Task<byte[]> EvaluationSheetAsync(ExportReportRequest export, CancellationToken ct)
    {
        var request = export.EvaluationSheet;
        var v = new RequestValidation()
            .Check(export.Format == ExportFormat.Pdf, "format", ReportingErrors.EvaluationSheetIsPdfOnly)
            .ValidMunicipalityCode(request.MunicipalityCode, "report.municipality_code")
            .Check(FiscalYears.IsPlausible(request.FiscalYear), "report.fiscal_year", SharedMessages.PlausibleFiscalYear);
        var itemId = v.Id(request.ItemId, "report.item_id");
        v.ThrowIfInvalid();
        var (sheet, _) = await db.InSnapshotAsync(
            () => EvaluationSheetFromReadModels.BuildAsync(db, request.MunicipalityCode, itemId, request.FiscalYear, ct), ct);
        return PdfRenderer.Render(EvaluationSheetLayout.Build(sheet, export.Paper == PaperSize.A3 ? Paper.A3 : Paper.A4));
    }
}
