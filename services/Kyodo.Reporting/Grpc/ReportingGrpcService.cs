using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Grpc;

/// <summary>kyodo.reporting.v1.ReportingService: answers from the read models only.</summary>
public sealed class ReportingGrpcService(ReportingDbContext db) : ReportingService.ReportingServiceBase
{
    public override async Task<GetMunicipalityOverviewResponse> GetMunicipalityOverview(
        GetMunicipalityOverviewRequest request, ServerCallContext context)
    {
        new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code").ThrowIfInvalid();
        var code = request.MunicipalityCode;
        var ct = context.CancellationToken;

        var plans = db.Plans.AsNoTracking().Where(p => p.MunicipalityCode == code);
        var lines = db.BudgetLines.AsNoTracking().Where(l => l.MunicipalityCode == code);
        var programs = db.SubsidyPrograms.AsNoTracking().Where(p => p.MunicipalityCode == code);

        var newest = new[]
        {
            await plans.MaxAsync(p => (DateTimeOffset?)p.AsOf, ct),
            await lines.MaxAsync(l => (DateTimeOffset?)l.AsOf, ct),
            await programs.MaxAsync(p => (DateTimeOffset?)p.AsOf, ct),
        }.Max();

        return new GetMunicipalityOverviewResponse
        {
            MunicipalityCode = code,
            PlanCount = await plans.CountAsync(ct),
            BudgetLineCount = await lines.CountAsync(ct),
            BudgetCostYen = await lines.SumAsync(l => l.CostYen, ct),
            SubsidyProgramCount = await programs.CountAsync(ct),
            AsOf = newest is { } asOf ? Timestamp.FromDateTimeOffset(asOf) : null,
        };
    }
}
