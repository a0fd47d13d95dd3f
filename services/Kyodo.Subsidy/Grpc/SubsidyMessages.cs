using Google.Protobuf.WellKnownTypes;
using Kyodo.Subsidy.V1;

namespace Kyodo.Subsidy.Grpc;

/// <summary>Domain → response messages.</summary>
internal static class SubsidyMessages
{
    public static V1.Program ToMessage(this Domain.SubsidyProgram program)
    {
        var message = new V1.Program
        {
            Id = program.Id.ToString(),
            MunicipalityCode = program.MunicipalityCode,
            Name = program.Name,
            Description = program.Description,
            Version = program.Version,
            CreatedAt = Timestamp.FromDateTimeOffset(program.CreatedAt),
            Revision = program.Revision,
        };
        message.Courses.AddRange(program.Courses.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.ToMessage()));
        message.BudgetLines.AddRange(program.BudgetLines.OrderBy(l => l.FiscalYear)
            .Select(l => new ProgramBudgetLine { FiscalYear = l.FiscalYear, BudgetLineId = l.BudgetLineId.ToString() }));
        message.PrintedResults.AddRange(program.PrintedResults.OrderBy(r => r.FiscalYear).ThenBy(r => r.Course, StringComparer.Ordinal)
            .Select(r => new V1.PrintedResult
            {
                FiscalYear = r.FiscalYear, Course = r.Course, ApplicationsPrinted = r.ApplicationsPrinted,
                Note = r.Note
            }));
        return message;
    }

    public static V1.Course ToMessage(this Domain.Course course) => new()
    {
        Id = course.Id.ToString(),
        ProgramId = course.ProgramId.ToString(),
        Name = course.Name,
        CapYen = course.CapYen,
        OncePerApplicant = course.OncePerApplicant,
        RoundsPerYear = course.RoundsPerYear,
        AcceptsNewProjects = course.AcceptsNewProjects,
        AcceptsContinuingProjects = course.AcceptsContinuingProjects,
        EligibilityNotes = course.EligibilityNotes,
        Version = course.Version,
    };

    public static V1.Applicant ToMessage(this Domain.Applicant applicant) => new()
    {
        Id = applicant.Id.ToString(),
        MunicipalityCode = applicant.MunicipalityCode,
        Name = applicant.Name,
        Kind = applicant.Kind,
        RegisteredAt = Timestamp.FromDateTimeOffset(applicant.RegisteredAt),
    };

    public static V1.Application ToMessage(this Domain.Application a)
    {
        var message = new V1.Application
        {
            Id = a.Id.ToString(),
            MunicipalityCode = a.MunicipalityCode,
            ProgramId = a.ProgramId.ToString(),
            CourseId = a.CourseId.ToString(),
            FiscalYear = a.FiscalYear,
            ApplicantId = a.ApplicantId.ToString(),
            ProjectTitle = a.ProjectTitle,
            ProjectKind = (V1.ProjectKind)a.ProjectKind,
            AwardedYen = a.AwardedYen,
            SettledYen = a.SettledYen,
            Status = (V1.ApplicationStatus)a.Status,
            ReservationId = a.ReservationId?.ToString() ?? "",
            Version = a.Version,
            Revision = a.Transitions.Count == 0 ? 0 : a.Transitions.Max(t => t.Sequence), // as SubsidyEvents.LatestStep
        };
        // Absent when unknown (recorded from a document that prints neither).
        (message.Round, message.RoundUnknown) = (a.Round ?? 0, a.Round is null);
        (message.RequestedYen, message.RequestedYenUnknown) = (a.RequestedYen ?? 0, a.RequestedYen is null);
        message.Transitions.AddRange(a.Transitions.OrderBy(t => t.Sequence).Select(t => new Transition
        {
            From = t.From is { } from ? (V1.ApplicationStatus)from : V1.ApplicationStatus.Unspecified,
            To = (V1.ApplicationStatus)t.To,
            By = t.By,
            At = Timestamp.FromDateTimeOffset(t.At),
            Comment = t.Comment,
        }));
        return message;
    }
}
