using Grpc.Core;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Security;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.Subsidy.V1;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Grpc;

public sealed partial class SubsidyGrpcService
{
    public override async Task<GetStatisticsResponse> GetStatistics(GetStatisticsRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        Guid? programId = string.IsNullOrEmpty(request.ProgramId) ? null : v.Id(request.ProgramId, "program_id");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        var applications = db.Applications.AsNoTracking().Where(a => a.MunicipalityCode == request.MunicipalityCode);
        if (programId is { } program) applications = applications.Where(a => a.ProgramId == program);
        if (request.FiscalYear != 0) applications = applications.Where(a => a.FiscalYear == request.FiscalYear);
        var awarded = new[] { Domain.ApplicationStatus.Awarded, Domain.ApplicationStatus.Reported, Domain.ApplicationStatus.Settled };
        var rows = await applications
            .GroupBy(a => new { a.ProgramId, a.CourseId, a.FiscalYear })
            .Select(g => new
            {
                g.Key,
                Applications = g.Count(),
                Awards = g.Count(a => awarded.Contains(a.Status)),
                Rejections = g.Count(a => a.Status == Domain.ApplicationStatus.Rejected),
                Withdrawals = g.Count(a => a.Status == Domain.ApplicationStatus.Withdrawn),
                Requested = g.Sum(a => a.RequestedYen),
                Awarded = g.Sum(a => awarded.Contains(a.Status) ? a.AwardedYen : 0),
                Settled = g.Sum(a => a.Status == Domain.ApplicationStatus.Settled ? a.SettledYen : 0),
            })
            .ToListAsync(ct);

        var programs = await db.Programs.AsNoTracking().Where(p => p.MunicipalityCode == request.MunicipalityCode).ToDictionaryAsync(p => p.Id, ct);
        var response = new GetStatisticsResponse();
        foreach (var row in rows.OrderBy(r => programs[r.Key.ProgramId].Name, StringComparer.Ordinal).ThenBy(r => r.Key.FiscalYear)
                     .ThenBy(r => programs[r.Key.ProgramId].Courses.Single(c => c.Id == r.Key.CourseId).Name, StringComparer.Ordinal))
        {
            var owner = programs[row.Key.ProgramId];
            var course = owner.Courses.Single(c => c.Id == row.Key.CourseId);
            response.Rows.Add(new CourseStatistics
            {
                ProgramId = owner.Id.ToString(),
                ProgramName = owner.Name,
                CourseId = course.Id.ToString(),
                CourseName = course.Name,
                FiscalYear = row.Key.FiscalYear,
                Applications = row.Applications,
                Awards = row.Awards,
                Rejections = row.Rejections,
                Withdrawals = row.Withdrawals,
                RequestedYen = row.Requested,
                AwardedYen = row.Awarded,
                SettledYen = row.Settled,
                AwardRate = row.Applications == 0 ? 0 : (double)row.Awards / row.Applications,
                // As seed 001 prints it: awards, then applications in brackets when they differ.
                Summary = row.Awards == row.Applications ? $"{course.Name} {row.Awards}件" : $"{course.Name} {row.Awards}件({row.Applications})",
            });
        }
        return response;
    }
}
