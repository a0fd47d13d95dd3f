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
