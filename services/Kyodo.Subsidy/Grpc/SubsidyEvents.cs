using Kyodo.Contracts.Subsidy;

namespace Kyodo.Subsidy.Grpc;

/// <summary>Domain → the events the subsidy service publishes.</summary>
internal static class SubsidyEvents
{
    public static SubsidyProgramChanged Changed(this Domain.SubsidyProgram program, DateTimeOffset at, bool deleted = false) => new(
        Guid.NewGuid(), at, program.MunicipalityCode, program.Id, program.Name, program.Description,
        program.Courses.OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new CourseSnapshot(c.Id, c.Name, c.CapYen, c.OncePerApplicant, c.RoundsPerYear)).ToList(),
        program.BudgetLines.OrderBy(l => l.FiscalYear).Select(l => new ProgramBudgetLineSnapshot(l.FiscalYear, l.BudgetLineId)).ToList(),
        deleted ? program.Revision + 1 : program.Revision,
        deleted);

    /// <summary>The event of the application's latest step.</summary>
    public static ApplicationStatusChanged LatestStep(this Domain.Application a, Domain.SubsidyProgram program, Domain.Course course,
        Domain.Applicant applicant)
    {
        var step = a.Transitions.MaxBy(t => t.Sequence)!;
        return new ApplicationStatusChanged(Guid.NewGuid(), step.At, a.MunicipalityCode, a.Id, program.Id, program.Name, course.Id,
            course.Name,
            a.FiscalYear, a.Round ?? 0, applicant.Id, applicant.Name, a.ProjectTitle, step.From?.ToString() ?? "", step.To.ToString(),
            a.RequestedYen ?? 0, a.AwardedYen, a.SettledYen, step.By, step.Sequence,
            a.ProjectKind == Domain.ProjectKind.Unspecified ? "" : a.ProjectKind.ToString(),
            RoundUnknown: a.Round is null, RequestedYenUnknown: a.RequestedYen is null);
    }
}
