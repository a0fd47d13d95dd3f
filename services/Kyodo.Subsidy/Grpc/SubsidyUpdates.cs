using Kyodo.ServiceDefaults.Updates;
using Kyodo.Subsidy.V1;

namespace Kyodo.Subsidy.Grpc;

/// <summary>
/// What UpdateProgram and UpdateCourse may change (AIP-134 update_mask paths, <see cref="UpdateRule"/>),
/// and a program or course as it is stored, shaped as that request.
/// </summary>
public static class SubsidyUpdates
{
    public static readonly UpdateRule Program = new(UpdateProgramRequest.Descriptor, ["name", "description"]);

    public static readonly UpdateRule Course = new(UpdateCourseRequest.Descriptor, ["course.*"]);

    public static UpdateRuleTable Table { get; } = new(SubsidyService.Descriptor, new Dictionary<string, UpdateRule>
    {
        [nameof(SubsidyService.SubsidyServiceBase.UpdateProgram)] = Program,
        [nameof(SubsidyService.SubsidyServiceBase.UpdateCourse)] = Course,
    });

    internal static UpdateProgramRequest AsUpdate(this Domain.SubsidyProgram program) =>
        new() { Name = program.Name, Description = program.Description };

    internal static UpdateCourseRequest AsUpdate(this Domain.Course course) => new()
    {
        Course = new CourseInput
        {
            Name = course.Name,
            CapYen = course.CapYen,
            OncePerApplicant = course.OncePerApplicant,
            RoundsPerYear = course.RoundsPerYear,
            AcceptsNewProjects = course.AcceptsNewProjects,
            AcceptsContinuingProjects = course.AcceptsContinuingProjects,
            EligibilityNotes = course.EligibilityNotes,
        },
    };
}
