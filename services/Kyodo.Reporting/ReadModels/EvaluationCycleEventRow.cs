namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// One event of the evaluation cycle (evaluations, their settings, reviewed actuals, deadlines,
/// full cost, budget adjustments) as it arrived, whole: recorded now so the reports built on these
/// later (evaluation summaries, full cost, approved and pending actuals) can be derived from every
/// event since they began, without asking the services again.
/// </summary>
public sealed class EvaluationCycleEventRow
{
    public Guid EventId { get; set; }
    public string MunicipalityCode { get; set; } = "";
    /// <summary>The contract's name, e.g. "EvaluationChanged".</summary>
    public string EventType { get; set; } = "";
    /// <summary>What the event is about: the evaluation, indicator, plan, budget line or item (none for settings and unit costs).</summary>
    public Guid? SubjectId { get; set; }
    public int? FiscalYear { get; set; }
    /// <summary>The subject's revision the event carries, when it carries one.</summary>
    public int? Revision { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>The whole event as JSON (web naming, as the outbox stores it).</summary>
    public string Payload { get; set; } = "";
}
