namespace Kyodo.Contracts.Subsidy;

/// <summary>
/// One step of a subsidy application (submitted, under review, awarded, rejected, withdrawn,
/// reported, settled), with everything reports count: program, course, fiscal year, round,
/// applicant, project kind and amounts in whole yen. From is empty for a submission. Revision is
/// the step's number: a consumer keeps the highest it has seen. Round is 0 when the course has no
/// rounds; Round and RequestedYen are also 0 when unknown (an application recorded from a document
/// that prints neither), which RoundUnknown and RequestedYenUnknown say (added later, false when
/// absent, so the record stays readable as first published); ProjectKind is New, Continuing or ""
/// (not known).
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
    int Round,
    Guid ApplicantId,
    string ApplicantName,
    string ProjectTitle,
    string From,
    string To,
    long RequestedYen,
    long AwardedYen,
    long SettledYen,
    string By,
    int Revision,
    string ProjectKind = "",
    bool RoundUnknown = false,
    bool RequestedYenUnknown = false) : IIntegrationEvent
{
    /// <summary>The round, or null when unknown.</summary>
    public int? KnownRound => RoundUnknown ? null : Round;

    /// <summary>The amount asked for, or null when unknown.</summary>
    public long? KnownRequestedYen => RequestedYenUnknown ? null : RequestedYen;
}
