using Grpc.Core;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;
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
        var awarded = Domain.Application.AwardHoldingStatuses;
        // Per round; a course's year is the sum of its rounds (split out in CourseStatistics.rounds).
        var rounds = await applications
            .GroupBy(a => new { a.ProgramId, a.CourseId, a.FiscalYear, a.Round })
            .Select(g => new RoundCounts(g.Key.ProgramId, g.Key.CourseId, g.Key.FiscalYear, g.Key.Round,
                g.Count(),
                g.Count(a => awarded.Contains(a.Status)),
                g.Count(a => a.Status == Domain.ApplicationStatus.Rejected),
                g.Count(a => a.Status == Domain.ApplicationStatus.Withdrawn),
                g.Sum(a => a.RequestedYen ?? 0),
                g.Count(a => a.RequestedYen == null),
                g.Sum(a => awarded.Contains(a.Status) ? a.AwardedYen : 0),
                g.Sum(a => a.Status == Domain.ApplicationStatus.Settled ? a.SettledYen : 0),
                g.Count(a => awarded.Contains(a.Status) && a.ProjectKind == Domain.ProjectKind.Continuing),
                g.Count(a => awarded.Contains(a.Status) && a.ProjectKind == Domain.ProjectKind.New)))
            .ToListAsync(ct);

        var programs =
            await db.Programs.AsNoTracking().Where(p => p.MunicipalityCode == request.MunicipalityCode).ToDictionaryAsync(p => p.Id, ct);
        var response = new GetStatisticsResponse();
        foreach (var course in rounds.GroupBy(r => (r.ProgramId, r.CourseId, r.FiscalYear))
                     .OrderBy(g => programs[g.Key.ProgramId].Name, StringComparer.Ordinal).ThenBy(g => g.Key.FiscalYear)
                     .ThenBy(g => programs[g.Key.ProgramId].Courses.Single(c => c.Id == g.Key.CourseId).Name, StringComparer.Ordinal))
            response.Rows.Add(Statistics(programs[course.Key.ProgramId], course.Key.CourseId, course.Key.FiscalYear, course.ToList()));
        return response;
    }

    private sealed record RoundCounts(Guid ProgramId, Guid CourseId, int FiscalYear, int? Round, int Applications, int Awards,
        int Rejections, int Withdrawals,
        long RequestedYen, int RequestedUnknown, long AwardedYen, long SettledYen, int Continuing, int New);

    /// <summary>
    /// One course's year: its rounds added up, the amounts asked for only where known (the rest
    /// counted as unknown, never guessed), the awards by project kind, and the rounds themselves.
    /// </summary>
    private static CourseStatistics Statistics(Domain.SubsidyProgram program, Guid courseId, int fiscalYear, List<RoundCounts> rounds)
    {
        var course = program.Courses.Single(c => c.Id == courseId);
        var (applications, awards) = (rounds.Sum(r => r.Applications), rounds.Sum(r => r.Awards));
        var (continuing, @new) = (rounds.Sum(r => r.Continuing), rounds.Sum(r => r.New));
        var statistics = new CourseStatistics
        {
            ProgramId = program.Id.ToString(),
            ProgramName = program.Name,
            CourseId = course.Id.ToString(),
            CourseName = course.Name,
            FiscalYear = fiscalYear,
            Applications = applications,
            Awards = awards,
            Rejections = rounds.Sum(r => r.Rejections),
            Withdrawals = rounds.Sum(r => r.Withdrawals),
            AwardedYen = rounds.Sum(r => r.AwardedYen),
            SettledYen = rounds.Sum(r => r.SettledYen),
            AwardRate = applications == 0 ? 0 : (double)awards / applications,
            // As seed 001 prints it: awards, then applications in brackets when they differ.
            Summary = awards == applications ? $"{course.Name} {awards}件" : $"{course.Name} {awards}件({applications})",
            RequestedUnknown = rounds.Sum(r => r.RequestedUnknown),
            AwardsContinuing = continuing,
            AwardsNew = @new,
            AwardsKindUnknown = awards - continuing - @new,
        };
        if (applications > statistics.RequestedUnknown) statistics.RequestedYen = rounds.Sum(r => r.RequestedYen);
        foreach (var round in rounds.OrderBy(r => r.Round ?? int.MaxValue))
        {
            var ofRound = new RoundStatistics { Applications = round.Applications, Awards = round.Awards, AwardedYen = round.AwardedYen };
            if (round.Round is { } number) ofRound.Round = number;
            statistics.Rounds.Add(ofRound);
        }
        return statistics;
    }
}
