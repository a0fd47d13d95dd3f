using Kyodo.ServiceDefaults.Input;

namespace Kyodo.Subsidy.Domain;

/// <summary>
/// What each text of the subsidy service's records may hold: names one line, what programs and
/// reviewers write as prose (descriptions, eligibility notes, comments, printed notes) several.
/// </summary>
public static class SubsidyTexts
{
    public static readonly TextRule ProgramName = TextRule.Line(200);
    public static readonly TextRule ProgramDescription = TextRule.Lines(20_000);
    public static readonly TextRule CourseName = TextRule.Line(100);
    public static readonly TextRule EligibilityNotes = TextRule.Lines(20_000);
    public static readonly TextRule ApplicantName = TextRule.Line(200);
    public static readonly TextRule ApplicantKind = TextRule.Line(50);
    public static readonly TextRule ProjectTitle = TextRule.Line(300);
    /// <summary>What a step of an application's life says (審査 comments, reasons).</summary>
    public static readonly TextRule StepComment = TextRule.Lines(2_000);
    /// <summary>A note a document prints with its results (* (申請数) コロナ禍により…).</summary>
    public static readonly TextRule PrintedNote = TextRule.Lines(2_000);
}
