namespace Kyodo.Contracts.Subsidy;

/// <summary>
/// One step of a subsidy application (submitted, under review, awarded, rejected, withdrawn,
/// reported, settled), with everything reports count: program, course, fiscal year, round,
/// applicant, project kind and amounts in whole yen. From is empty for a submission. Revision is
/// the step's number: a consumer keeps the highest it has seen. Round and RequestedYen are null
/// when unknown (an application recorded from a document that prints neither); ProjectKind is
/// New, Continuing or "" (not known).
/// </summary>
public sealed record ApplicationStatusChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid ApplicationId,
    Guid ProgramId,
    string ProgramName,
    Guid CourseId,
    string CourseName,
    int FiscalYear,
    int? Round,
    Guid ApplicantId,
    string ApplicantName,
    string ProjectTitle,
    string From,
    string To,
    long? RequestedYen,
    long AwardedYen,
    long SettledYen,
    string By,
    int Revision,
    string ProjectKind = "") : IIntegrationEvent;
