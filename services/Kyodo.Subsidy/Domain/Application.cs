using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Subsidy.Domain;

public enum ApplicationStatus
{
    Submitted = 1,
    UnderReview = 2, // 審査
    Awarded = 3,     // 交付決定
    Rejected = 4,
    Withdrawn = 5,
    Reported = 6,    // 実績報告
    Settled = 7,     // 確定
}

public enum ProjectKind
{
    Unspecified = 0,
    New = 1,        // 新規
    Continuing = 2, // 継続
}

/// <summary>
/// An application for a grant, from submission to settlement. Every step is kept with who,
/// when and a comment; a step the current state does not allow is refused, naming the state.
/// </summary>
public sealed partial class Application
{
    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public Guid ProgramId { get; private set; }
    public Guid CourseId { get; private set; }
    public int FiscalYear { get; private set; }
    /// <summary>1.. the course's rounds, 0 for a course without rounds; null when unknown (recorded from a document that prints
    /// none).</summary>
    public int? Round { get; private set; }
    public Guid ApplicantId { get; private set; }
    public string ProjectTitle { get; private set; } = "";
    public ProjectKind ProjectKind { get; private set; }
    /// <summary>What was asked for; null when unknown (recorded from a document that prints no amount asked).</summary>
    public long? RequestedYen { get; private set; }
    public long AwardedYen { get; private set; }
    public long SettledYen { get; private set; }
    public ApplicationStatus Status { get; private set; }
    public Guid? ReservationId { get; private set; }
    public List<ApplicationTransition> Transitions { get; private set; } = [];
    public long Version { get; private set; }

    /// <summary>
    /// The statuses of an application that holds an award (awarded, reported, settled): what "at most one
    /// award per course" and the statistics' awards count. A new array on each read, so queries can send it
    /// as one parameter and no caller can change it for the others.
    /// </summary>
    public static ApplicationStatus[] AwardHoldingStatuses =>
        [ApplicationStatus.Awarded, ApplicationStatus.Reported, ApplicationStatus.Settled];

    /// <summary>True once awarded: its status is one of <see cref="AwardHoldingStatuses"/>.</summary>
    public bool HoldsAward => AwardHoldingStatuses.Contains(Status);

    private Application() { }

    public Application(Guid id, string municipalityCode, Guid programId, Guid courseId, int fiscalYear, int? round, Guid applicantId,
        string projectTitle, ProjectKind projectKind, long? requestedYen, string by, DateTimeOffset at, string comment)
    {
        Id = id;
        MunicipalityCode = municipalityCode;
        ProgramId = programId;
        CourseId = courseId;
        FiscalYear = fiscalYear;
        Round = round;
        ApplicantId = applicantId;
        ProjectTitle = projectTitle;
        ProjectKind = projectKind;
        RequestedYen = requestedYen;
        Status = ApplicationStatus.Submitted;
        Transitions.Add(new ApplicationTransition(Guid.CreateVersion7(at), Id, 1, null, Status, by, at, comment));
    }

    public void StartReview(string by, DateTimeOffset at, string comment) =>
        Move("start review", [ApplicationStatus.Submitted], ApplicationStatus.UnderReview, by, at, comment);

    /// <summary>Records the award; the caller has checked the caps and reserved the money.</summary>
    public void Award(long amountYen, Guid reservationId, string by, DateTimeOffset at, string comment)
    {
        EnsureIn("award", ApplicationStatus.UnderReview);
        AwardedYen = amountYen;
        ReservationId = reservationId;
        Move("award", [ApplicationStatus.UnderReview], ApplicationStatus.Awarded, by, at, comment);
    }

    public void Reject(string by, DateTimeOffset at, string comment) =>
        Move("reject", [ApplicationStatus.UnderReview], ApplicationStatus.Rejected, by, at, comment);

    public void Withdraw(string by, DateTimeOffset at, string comment) =>
        Move("withdraw", [ApplicationStatus.Submitted, ApplicationStatus.UnderReview], ApplicationStatus.Withdrawn, by, at, comment);

    public void ReportResults(string by, DateTimeOffset at, string comment) =>
        Move("report results of", [ApplicationStatus.Awarded], ApplicationStatus.Reported, by, at, comment);

    /// <summary>Refuses a settlement the application does not allow now: not reported, or above the award.</summary>
    public void EnsureMaySettle(long settledYen)
    {
        EnsureIn("settle", ApplicationStatus.Reported);
        if (settledYen > AwardedYen)
            throw new DomainRuleException("ABOVE_AWARD", SubsidyErrors.AboveAward(settledYen, AwardedYen),
                new Dictionary<string, string> { ["awarded_yen"] = AwardedYen.ToString() });
    }

    /// <summary>Fixes the settled amount; the caller commits it in the budget (releasing the rest).</summary>
    public void Settle(long settledYen, string by, DateTimeOffset at, string comment)
    {
        EnsureMaySettle(settledYen);
        SettledYen = settledYen;
        Move("settle", [ApplicationStatus.Reported], ApplicationStatus.Settled, by, at, comment);
    }

    public void EnsureIn(string action, params ApplicationStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new DomainRuleException("INVALID_TRANSITION",
                SubsidyErrors.InvalidTransition(action, Status, allowed),
                new Dictionary<string, string> { ["current_status"] = Status.ToString() });
    }

    private void Move(string action, ApplicationStatus[] allowed, ApplicationStatus to, string by, DateTimeOffset at, string comment)
    {
        EnsureIn(action, allowed);
        Transitions.Add(new ApplicationTransition(Guid.CreateVersion7(at), Id, Transitions.Count + 1, Status, to, by, at, comment));
        Status = to;
    }
}

/// <summary>One step of an application: from, to, who, when, and the comment given.</summary>
public sealed class ApplicationTransition
{
    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public int Sequence { get; private set; }
    public ApplicationStatus? From { get; private set; }
    public ApplicationStatus To { get; private set; }
    public string By { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string Comment { get; private set; } = "";

    private ApplicationTransition() { }

    public ApplicationTransition(Guid id, Guid applicationId, int sequence, ApplicationStatus? from, ApplicationStatus to, string by,
        DateTimeOffset at, string comment)
    {
        Id = id;
        ApplicationId = applicationId;
        Sequence = sequence;
        From = from;
        To = to;
        By = by;
        At = at;
        Comment = comment;
    }
}
