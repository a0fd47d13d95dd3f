using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.Deadlines;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Grpc;

/// <summary>Reporting deadlines per plan and fiscal year, and what is overdue per department.</summary>
public sealed partial class PlanGrpcService
{
    public override async Task<SetReportingDeadlineResponse> SetReportingDeadline(SetReportingDeadlineRequest request,
        ServerCallContext context)
    {
        var v = new RequestValidation();
        var planId = v.Id(request.PlanId, "plan_id");
        var year = v.FiscalYear(request.FiscalYear, "fiscal_year");
        var due = ReadDate(request.DueDate, "due_date", v, required: true);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan =
            await db.Plans.AsNoTracking().Reachable(context.Access(), p => p.MunicipalityCode).SingleOrDefaultAsync(p => p.Id == planId, ct)
            ?? throw new NotFoundException("plan", request.PlanId);
        v.Check(plan.Covers(year), "fiscal_year", PlanErrors.OutsidePeriod(plan.StartFiscalYear, plan.EndFiscalYear));
        v.ThrowIfInvalid();
        var deadline = await db.ReportingDeadlines
            .FromSql($"SELECT * FROM reporting_deadlines WHERE plan_id = {planId} AND fiscal_year = {year} FOR UPDATE")
                .SingleOrDefaultAsync(ct);
        if (deadline is null) db.ReportingDeadlines.Add(deadline = new Domain.ReportingDeadline(planId, year, plan.MunicipalityCode));
        var now = clock.GetUtcNowForStorage();
        deadline.Set(due!.Value, context.Actor(), now);
        db.AddIntegrationEvent(
            new ReportingDeadlineChanged(Guid.NewGuid(), now, plan.MunicipalityCode, planId, year, deadline.DueDate, deadline.Revision));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SetReportingDeadlineResponse { Deadline = ToMessage(deadline) };
    }

    public override async Task<ListReportingDeadlinesResponse> ListReportingDeadlines(ListReportingDeadlinesRequest request,
        ServerCallContext context)
    {
        var planId = RequestValidation.RequireId(request.PlanId, "plan_id");
        var ct = context.CancellationToken;
        if (!await db.Plans.Reachable(context.Access(), p => p.MunicipalityCode).AnyAsync(p => p.Id == planId, ct))
            throw new NotFoundException("plan", request.PlanId);
        var response = new ListReportingDeadlinesResponse();
        response.Deadlines.AddRange(
            (await db.ReportingDeadlines.AsNoTracking().Where(d => d.PlanId == planId).OrderBy(d => d.FiscalYear).ToListAsync(ct))
            .Select(ToMessage));
        return response;
    }

    public override async Task<ListOverdueActualsResponse> ListOverdueActuals(ListOverdueActualsRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        Guid? departmentId = request.DepartmentId.Length > 0 ? v.Id(request.DepartmentId, "department_id") : null;
        var asOf = ReadDate(request.AsOfDate, "as_of_date", v, required: false) ?? DeadlineDays.Today(clock);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        var passed = await db.ReportingDeadlines.AsNoTracking()
            .Where(d => d.MunicipalityCode == request.MunicipalityCode && d.DueDate < asOf).ToListAsync(ct);
        var lines =
            (await OverdueActuals.OfAsync(db, passed, ct)).Where(l => departmentId is null || l.DepartmentId == departmentId).ToList();
        var departments = await db.DepartmentsByIdAsync(request.MunicipalityCode, ct);
        var response = new ListOverdueActualsResponse { AsOfDate = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        foreach (var group in lines.GroupBy(l => l.DepartmentId)
                     .OrderBy(g => g.Key is null)
                     .ThenBy(g => g.Key is { } d && departments.TryGetValue(d, out var x) ? x.Name : "", StringComparer.Ordinal))
        {
            var entry = new DepartmentOverdue
            { Department = group.Key is { } d && departments.TryGetValue(d, out var department) ? department.ToMessage() : null };
            entry.Actuals.AddRange(group.Select(l => new OverdueActual
            {
                PlanId = l.Deadline.PlanId.ToString(), PlanName = l.PlanName, FiscalYear = l.Deadline.FiscalYear,
                DueDate = Iso(l.Deadline.DueDate),
                ItemId = l.Item.Id.ToString(), ItemTitle = l.Item.Title, IndicatorId = l.Indicator.Id.ToString(),
                IndicatorName = l.Indicator.Name,
                Status = l.Entry is { } e ? (V1.ReviewStatus)e.Review.Status : V1.ReviewStatus.Unspecified,
            }));
            response.Departments.Add(entry);
        }
        return response;
    }

    private static V1.ReportingDeadline ToMessage(Domain.ReportingDeadline d) => new()
    {
        PlanId = d.PlanId.ToString(), FiscalYear = d.FiscalYear, DueDate = Iso(d.DueDate), SetBy = d.SetBy,
        SetAt = Timestamp.FromDateTimeOffset(d.SetAt), CheckedAt = d.CheckedAt is { } c ? Timestamp.FromDateTimeOffset(c) : null,
        Revision = d.Revision,
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ReadDate(string text, string field, RequestValidation v, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Check(!required, field, PlanErrors.DateRequired);
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        v.Check(false, field, PlanErrors.NotADate(text));
        return null;
    }
}
