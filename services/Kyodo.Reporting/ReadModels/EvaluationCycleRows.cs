namespace Kyodo.Reporting.ReadModels;

// The evaluation cycle's read models (EvaluationCycleStatements writes them), keyed by
// municipality first like every other. Each keeps the highest revision it has seen. What an item
// or a node holds here is read only while that item or node lives (the reports join them), as an
// item's contents are: a deleted item's or node's evaluations, staff time and entries drop out of
// every report with it, and come back with it when a deleted plan turns out to live.

/// <summary>An evaluation of an item (ItemId) or a node (NodeId) for one fiscal year, as its last change left it.</summary>
public sealed class EvaluationRow : VersionedRow
{
    public Guid EvaluationId { get; set; }
    public Guid PlanId { get; set; }
    public Guid? ItemId { get; set; }
    public Guid? NodeId { get; set; }
    public int FiscalYear { get; set; }
    public Guid? EvaluatorDepartmentId { get; set; }
    public string EvaluatorDepartmentName { get; set; } = "";
    public string Necessity { get; set; } = "";
    public string NecessityReason { get; set; } = "";
    public string Effectiveness { get; set; } = "";
    public string EffectivenessReason { get; set; } = "";
    public string Efficiency { get; set; } = "";
    public string EfficiencyReason { get; set; } = "";
    /// <summary>今後の方向性, in the municipality's words.</summary>
    public string Direction { get; set; } = "";
    public string DirectionReason { get; set; } = "";
    /// <summary>Draft, Submitted, Approved or Returned.</summary>
    public string Status { get; set; } = "";
    public string EvaluatedBy { get; set; } = "";
    public DateTimeOffset EvaluatedAt { get; set; }
    public string SubmittedBy { get; set; } = "";
    public DateTimeOffset? SubmittedAt { get; set; }
    public string ReviewedBy { get; set; } = "";
    public DateTimeOffset? ReviewedAt { get; set; }
    public string Comment { get; set; } = "";
}

/// <summary>A municipality's rating scale (best first) and 方向性 order; no row: plan's defaults (EvaluationVocabulary).</summary>
public sealed class EvaluationSettingsRow
{
    public string MunicipalityCode { get; set; } = "";
    public List<string> RatingScale { get; set; } = [];
    public List<string> Directions { get; set; } = [];
    public int Revision { get; set; }
    public DateTimeOffset AsOf { get; set; }
}

/// <summary>
/// The staff time (人工) an item takes in a fiscal year. Its 人件費 is not stored: reports take
/// 人工 × the year's unit cost (StaffCost.Yen), so a unit cost arriving before or after the staff
/// time, or changing later, gives the same figure without rewriting rows.
/// </summary>
public sealed class StaffTimeRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid ItemId { get; set; }
    public int FiscalYear { get; set; }
    public decimal PersonYears { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset AsOf { get; set; }
}

/// <summary>The yen one person-year costs the municipality in a fiscal year (人件費単価).</summary>
public sealed class StaffUnitCostRow
{
    public string MunicipalityCode { get; set; } = "";
    public int FiscalYear { get; set; }
    public long YenPerPersonYear { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset AsOf { get; set; }
}

/// <summary>
/// One side of a 繰越, 流用 or 予備費充用 (Kind: Carryover, Transfer, ReserveFund): what the line gained
/// by source (negative: gave), keyed by the line's revision it made, so a duplicate adds nothing.
/// </summary>
public sealed class BudgetAdjustmentRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid BudgetLineId { get; set; }
    public int Revision { get; set; }
    public Guid ItemId { get; set; }
    public int FiscalYear { get; set; }
    public string Kind { get; set; } = "";
    public long CostYen { get; set; }
    public long NationalPrefecturalYen { get; set; }
    public long LocalBondYen { get; set; }
    public long OtherYen { get; set; }
    public long GeneralRevenueYen { get; set; }
    public Guid? CounterpartLineId { get; set; }
    public string Reason { get; set; } = "";
    public string By { get; set; } = "";
    public DateTimeOffset AsOf { get; set; }
}

/// <summary>
/// An indicator's actual of one fiscal year on its way to becoming official: Draft, Submitted or
/// Returned is pending (reports show it apart), Approved is the official actual (which the item's
/// indicator values hold too). Revision is the item's, which every step raises.
/// </summary>
public sealed class ActualEntryRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid IndicatorId { get; set; }
    public int FiscalYear { get; set; }
    public Guid ItemId { get; set; }
    public decimal Value { get; set; }
    public string Status { get; set; } = "";
    public string By { get; set; } = "";
    public string Comment { get; set; } = "";
    public int Revision { get; set; }
    public DateTimeOffset AsOf { get; set; }
}

/// <summary>A plan's reporting deadline for one fiscal year's actuals (the last day, Japan time).</summary>
public sealed class ReportingDeadlineRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid PlanId { get; set; }
    public int FiscalYear { get; set; }
    public DateOnly DueDate { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset AsOf { get; set; }
}
