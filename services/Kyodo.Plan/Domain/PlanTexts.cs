using Kyodo.ServiceDefaults.Input;

namespace Kyodo.Plan.Domain;

/// <summary>
/// What each text of the plan service's records may hold: names and codes are one line, what the
/// documents write as paragraphs (目的, 現状と課題, 推進内容, 年度の目標, 重点目標の内容 …) may run over
/// several. The lengths are those the documents need with room to spare.
/// </summary>
public static class PlanTexts
{
    public static readonly TextRule MunicipalityName = TextRule.Line(100);
    public static readonly TextRule DepartmentName = TextRule.Line(100);
    public static readonly TextRule PlanName = TextRule.Line(200);
    public static readonly TextRule NodeLevelName = TextRule.Line(50);
    public static readonly TextRule PrintedCode = TextRule.Line(50);
    public static readonly TextRule NodeTitle = TextRule.Line(500);

    public static readonly TextRule ItemTitle = TextRule.Line(500);
    /// <summary>目的, 現状と課題, 推進内容, 完了の目安, 見込まれる効果, 特記事項, その他, a year's goal.</summary>
    public static readonly TextRule ItemProse = TextRule.Lines(20_000);
    public static readonly TextRule ImplementingBody = TextRule.Line(200);
    public static readonly TextRule LinkedPlan = TextRule.Line(300);

    public static readonly TextRule ScheduleCell = TextRule.Line(200);
    public static readonly TextRule ScheduleLabel = TextRule.Line(500);

    public static readonly TextRule IndicatorName = TextRule.Line(300);
    public static readonly TextRule IndicatorUnit = TextRule.Line(50);
    /// <summary>A value as a decimal string ("1300", "98.5").</summary>
    public static readonly TextRule DecimalText = TextRule.Line(50);
    /// <summary>Why a target was revised; a note on an actual.</summary>
    public static readonly TextRule Remark = TextRule.Lines(2_000);

    public static readonly TextRule GoalTitle = TextRule.Line(2_000);
    public static readonly TextRule GoalProse = TextRule.Lines(20_000);
    public static readonly TextRule GoalItemNumber = TextRule.Line(20);
    public static readonly TextRule GoalItemTarget = TextRule.Lines(2_000);

    /// <summary>An evaluation's grade (必要性・有効性・効率性, a word of the rating scale) and 今後の方向性.</summary>
    public static readonly TextRule EvaluationGrade = TextRule.Line(20);
    public static readonly TextRule EvaluationDirection = TextRule.Line(50);
    /// <summary>Why a grade or direction: the paragraphs of an evaluation sheet.</summary>
    public static readonly TextRule EvaluationReason = TextRule.Lines(20_000);
    /// <summary>A reviewer's remark on approving or returning an evaluation or an actual (差戻し理由).</summary>
    public static readonly TextRule ReviewComment = TextRule.Lines(2_000);
    /// <summary>A day as ISO 8601 ("2020-05-31").</summary>
    public static readonly TextRule IsoDate = TextRule.Line(20);

    /// <summary>A search: a stage word, words of a title or content.</summary>
    public static readonly TextRule StageWord = TextRule.Line(50);
    public static readonly TextRule SearchText = TextRule.Line(200);
}
