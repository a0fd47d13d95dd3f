namespace Kyodo.Subsidy.Domain;

/// <summary>
/// Applications recorded after the fact from a document's printed figures (import): the
/// document tells how many groups applied and were awarded in a closed year and for how much,
/// so each is written with its whole life at once. Recorded awards hold no reservation: the
/// year's money was spent long ago and the budget service is not asked.
/// </summary>
public sealed partial class Application
{
    /// <summary>
    /// An award as a document records it: submitted, reviewed, awarded, reported and settled at
    /// <paramref name="amountYen"/>, of the project kind the document prints (継続・新規) or none.
    /// What it asked for and (of a course with rounds) its round are unknown: no document prints them.
    /// </summary>
    public static Application RecordedAward(Guid id, Guid programId, Course course, string municipalityCode, int fiscalYear,
        Guid applicantId, string projectTitle, ProjectKind projectKind, long amountYen, string by, DateTimeOffset at, string comment)
    {
        var application = new Application(id, municipalityCode, programId, course.Id, fiscalYear, RecordedRound(course), applicantId,
            projectTitle, projectKind, requestedYen: null, by, at, comment);
        application.StartReview(by, at, comment);
        application.AwardedYen = amountYen;
        application.Move("award", [ApplicationStatus.UnderReview], ApplicationStatus.Awarded, by, at, comment);
        application.ReportResults(by, at, comment);
        application.SettledYen = amountYen;
        application.Move("settle", [ApplicationStatus.Reported], ApplicationStatus.Settled, by, at, comment);
        return application;
    }

    /// <summary>
    /// An application a document counts but did not award (申請数 above the awards): recorded as
    /// withdrawn, the amount it asked for and its round unknown (never the course cap, nor round 1).
    /// </summary>
    public static Application RecordedWithoutAward(Guid id, Guid programId, Course course, string municipalityCode, int fiscalYear,
        Guid applicantId, string projectTitle, string by, DateTimeOffset at, string comment)
    {
        var application = new Application(id, municipalityCode, programId, course.Id, fiscalYear, RecordedRound(course), applicantId,
            projectTitle, ProjectKind.Unspecified, requestedYen: null, by, at, comment);
        application.Withdraw(by, at, comment);
        return application;
    }

    /// <summary>A course without rounds has none (0); of one with rounds, a document printing yearly totals tells no round.</summary>
    private static int? RecordedRound(Course course) => course.RoundsPerYear == 0 ? 0 : null;

    /// <summary>
    /// Gives a recorded application the project kind its document prints, when an earlier import
    /// (before kinds were kept) recorded none: filling in, never changing a kind it has.
    /// </summary>
    public void RecordProjectKind(ProjectKind kind)
    {
        if (ProjectKind != ProjectKind.Unspecified)
            throw new InvalidOperationException($"Application {Id} is a {ProjectKind} project already.");
        ProjectKind = kind;
    }
}
