using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Subsidy.Domain;

/// <summary>What a course allows: its cap and rules (DOMAIN.md, Subsidy → Course).</summary>
public sealed record CourseRules(
    string Name,
    long CapYen,
    bool OncePerApplicant,
    int RoundsPerYear,
    bool AcceptsNewProjects,
    bool AcceptsContinuingProjects,
    string EligibilityNotes);

/// <summary>A course of a program, e.g. チャレンジ (cap ¥200,000, once per group) or ステップアップ (cap ¥150,000).</summary>
public sealed class Course
{
    public Guid Id { get; private set; }
    public Guid ProgramId { get; private set; }
    public string Name { get; private set; } = "";
    public long CapYen { get; private set; }
    public bool OncePerApplicant { get; private set; }
    public int RoundsPerYear { get; private set; }
    public bool AcceptsNewProjects { get; private set; }
    public bool AcceptsContinuingProjects { get; private set; }
    public string EligibilityNotes { get; private set; } = "";
    public long Version { get; private set; }

    private Course() { }

    public Course(Guid id, Guid programId, CourseRules rules)
    {
        Id = id;
        ProgramId = programId;
        Change(rules);
    }

    /// <summary>
    /// Refuses an application the course does not take: a round outside 1..its rounds (or any round
    /// when it has none), or a new or continuing project it does not accept. INVALID_ARGUMENT naming
    /// "round" and "project_kind", every refusal at once, as the request's other fields are checked.
    /// </summary>
    public void EnsureAccepts(int round, ProjectKind kind) =>
        new RequestValidation()
            .Check(RoundsPerYear == 0 ? round == 0 : round >= 1 && round <= RoundsPerYear, "round",
                RoundsPerYear == 0 ? SubsidyErrors.NoRounds(Name) : SubsidyErrors.RoundOutOf(RoundsPerYear))
            .Check(kind != ProjectKind.New || AcceptsNewProjects, "project_kind", SubsidyErrors.NoNewProjects(Name))
            .Check(kind != ProjectKind.Continuing || AcceptsContinuingProjects, "project_kind", SubsidyErrors.NoContinuingProjects(Name))
            .ThrowIfInvalid();

    public void Change(CourseRules rules)
    {
        Name = rules.Name;
        CapYen = rules.CapYen;
        OncePerApplicant = rules.OncePerApplicant;
        RoundsPerYear = rules.RoundsPerYear;
        AcceptsNewProjects = rules.AcceptsNewProjects;
        AcceptsContinuingProjects = rules.AcceptsContinuingProjects;
        EligibilityNotes = rules.EligibilityNotes;
    }
}
