using System.Text;
using Grpc.Core;
using Kyodo.Japanese;
using Kyodo.Reporting.V1;
using Kyodo.Web.Presentation;
using Kyodo.Web.SignIn;

namespace Kyodo.Web.Exports;

/// <summary>
/// GET /export/{report}?format=csv|xlsx&amp;…: a page's report as the file the reporting service's
/// ExportReport writes (CSV UTF-8 with BOM, or XLSX with its 報告情報 sheet), streamed through
/// as it arrives, for the signed-in user's municipality with their token. A refusal answers with
/// the page's status (404 for another municipality's id, as for a missing one) and a plain
/// Japanese message.
/// </summary>
public static class ExportEndpoints
{
    public static void MapExports(this WebApplication app) =>
        app.MapGet("/export/{report}", ExportAsync).RequireAuthorization();

    private static async Task ExportAsync(string report, HttpContext context, ReportingService.ReportingServiceClient reporting)
    {
        var user = SignedInUser.From(context.User);
        var request = ExportRequests.Build(report, user.Municipality, context.Request.Query, out var problem);
        if (request is null)
        {
            await PlainAsync(context, 400, problem!);
            return;
        }
        try
        {
            using var call = reporting.ExportReport(request, cancellationToken: context.RequestAborted);
            var first = true;
            await foreach (var chunk in call.ResponseStream.ReadAllAsync(context.RequestAborted))
            {
                if (first)
                {
                    context.Response.ContentType = chunk.ContentType;
                    context.Response.Headers.ContentDisposition = ContentDisposition(chunk.FileName);
                    first = false;
                }
                await context.Response.Body.WriteAsync(chunk.Data.Memory, context.RequestAborted);
            }
        }
        catch (RpcException e) when (!context.Response.HasStarted)
        {
            var answer = PageProblem.From(e);
            await PlainAsync(context, answer.Status, answer.Title + "：" + answer.Detail);
        }
    }

    /// <summary>attachment, with the Japanese file name for browsers (RFC 5987) and an ASCII one for the rest.</summary>
    public static string ContentDisposition(string fileName)
    {
        var ascii = new string(fileName.Select(c => c is >= ' ' and < (char)127 and not ('"' or '\\') ? c : '_').ToArray());
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }

    private static Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, Encoding.UTF8);
    }
}

/// <summary>The export request of each page's report, from the page's own query values.</summary>
public static class ExportRequests
{
    public static ExportReportRequest? Build(string report, string municipality, IQueryCollection query, out string? problem)
    {
        problem = null;
        string Text(string name) => query[name].ToString().Trim();
        int Year(string name) => FiscalYearText.TryParse(Text(name), out var year, out _) ? year : 0;
        var format = Text("format") switch
        {
            "csv" => ExportFormat.Csv,
            "xlsx" => ExportFormat.Xlsx,
            _ => ExportFormat.Unspecified,
        };
        if (format == ExportFormat.Unspecified)
        {
            problem = "format は csv か xlsx を指定してください";
            return null;
        }
        var request = new ExportReportRequest { Format = format };
        switch (report)
        {
            case "department-summary":
                request.DepartmentSummary = new DepartmentSummaryRequest
                {
                    MunicipalityCode = municipality, FiscalYearFrom = Year("from"),
                    FiscalYearTo = Year("to")
                };
                break;
            case "program-sheet":
                request.ProgramSheet = new ProgramSheetRequest { MunicipalityCode = municipality, ItemId = Text("item") };
                break;
            case "plan-item-list":
                request.PlanItemList = new PlanReportRequest { MunicipalityCode = municipality, PlanId = Text("plan") };
                break;
            case "schedule-table":
                request.ScheduleTable = new PlanReportRequest { MunicipalityCode = municipality, PlanId = Text("plan") };
                break;
            case "trend":
                var trend = new TrendRequest { MunicipalityCode = municipality, FiscalYearFrom = Year("from"), FiscalYearTo = Year("to") };
                if (Text("indicator") is { Length: > 0 } indicator) trend.IndicatorId = indicator;
                else if (Text("item") is { Length: > 0 } item) trend.ItemId = item;
                else if (Text("program") is { Length: > 0 } program) trend.SubsidyProgramId = program;
                else if (Text("account") is { Length: > 0 } account) trend.AccountPath = account;
                else
                {
                    problem = "推移の対象（indicator, item, program, account のいずれか）を指定してください";
                    return null;
                }
                request.Trend = trend;
                break;
            case "overdue-actuals":
                request.OverdueActuals = new OverdueActualsRequest { MunicipalityCode = municipality };
                break;
            default:
                problem =
                    $"'{report}' という報告はありません（department-summary, program-sheet, plan-item-list, schedule-table, trend, overdue-actuals）";
                return null;
        }
        return request;
    }
}
