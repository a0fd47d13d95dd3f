using Kyodo.ServiceDefaults.Input;
using Kyodo.Subsidy.Domain;
using Kyodo.Subsidy.V1;

namespace Kyodo.Subsidy.Grpc;

/// <summary>
/// Which of the domain's text rules (<see cref="SubsidyTexts"/>) each text field of a SubsidyService
/// request follows; ids, municipality codes and fiscal years follow <see cref="TextConventions"/>.
/// </summary>
public static class SubsidyTextFields
{
    public static TextFieldTable Table { get; } = new(SubsidyService.Descriptor)
    {
        { CreateProgramRequest.Descriptor, "name", SubsidyTexts.ProgramName },
        { CreateProgramRequest.Descriptor, "description", SubsidyTexts.ProgramDescription },
        { UpdateProgramRequest.Descriptor, "name", SubsidyTexts.ProgramName },
        { UpdateProgramRequest.Descriptor, "description", SubsidyTexts.ProgramDescription },
        { ImportProgramRequest.Descriptor, "name", SubsidyTexts.ProgramName },
        { ImportProgramRequest.Descriptor, "description", SubsidyTexts.ProgramDescription },
        { CourseInput.Descriptor, "name", SubsidyTexts.CourseName },
        { CourseInput.Descriptor, "eligibility_notes", SubsidyTexts.EligibilityNotes },
        { ImportedCourseResult.Descriptor, "course", SubsidyTexts.CourseName },
        { ImportedCourseResult.Descriptor, "note", SubsidyTexts.PrintedNote },
        { ImportedYearNote.Descriptor, "note", SubsidyTexts.PrintedNote },
        { RegisterApplicantRequest.Descriptor, "name", SubsidyTexts.ApplicantName },
        { RegisterApplicantRequest.Descriptor, "kind", SubsidyTexts.ApplicantKind },
        { SubmitApplicationRequest.Descriptor, "project_title", SubsidyTexts.ProjectTitle },
        { SubmitApplicationRequest.Descriptor, "comment", SubsidyTexts.StepComment },
        { TransitionRequest.Descriptor, "comment", SubsidyTexts.StepComment },
        { AwardRequest.Descriptor, "comment", SubsidyTexts.StepComment },
        { SettleRequest.Descriptor, "comment", SubsidyTexts.StepComment },
    };
}
