namespace Kyodo.Reporting.ReadModels;

// What a record holds in lists, one row per entry, keyed by municipality and the record. They
// carry no revision of their own: ReadModelContents replaces a record's rows whenever the
// record's row takes a newer state, and reports join them to live records only, so those of a
// tombstone stay as they were (and come back with it when a deleted plan turns out to live).

/// <summary>One of an item's departments in charge; position 0 is the lead.</summary>
public sealed class ItemDepartmentRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid ItemId { get; set; }
    public int Position { get; set; }
    public Guid DepartmentId { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>Where an item is listed: one primary placement, the others re-listings (【再掲】).</summary>
public sealed class PlacementRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid ItemId { get; set; }
    public int Position { get; set; }
    public Guid NodeId { get; set; }
    public string Code { get; set; } = "";
    public bool IsPrimary { get; set; }
    /// <summary>The printed path, e.g. "Ⅱ-(3)-④".</summary>
    public string Reference { get; set; } = "";
}

/// <summary>The stages planned on one schedule row of an item in one fiscal year.</summary>
public sealed class ScheduleCellRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid ItemId { get; set; }
    public int Row { get; set; }
    public int FiscalYear { get; set; }
    public string RowLabel { get; set; } = "";
    public List<string> Stages { get; set; } = [];
}

/// <summary>An item's goal text for one fiscal year (平成31年度の目標).</summary>
public sealed class YearlyGoalRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid ItemId { get; set; }
    public int FiscalYear { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>An indicator of an item; its targets and actuals are <see cref="IndicatorValueRow"/>s.</summary>
public sealed class IndicatorRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid IndicatorId { get; set; }
    public Guid ItemId { get; set; }
    public int Position { get; set; }
    /// <summary>Activity or Outcome.</summary>
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    /// <summary>HigherIsBetter or LowerIsBetter.</summary>
    public string Direction { get; set; } = "";
    public decimal? BaselineValue { get; set; }
    public int? BaselineFiscalYear { get; set; }
}

/// <summary>An indicator's target and actual of one fiscal year, either of them possibly absent.</summary>
public sealed class IndicatorValueRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid IndicatorId { get; set; }
    public int FiscalYear { get; set; }
    /// <summary>The indicator's item, so reports reach an item's figures without going through its indicators.</summary>
    public Guid ItemId { get; set; }
    /// <summary>The indicator's direction (HigherIsBetter, LowerIsBetter), copied here so grading a year's values needs no lookup of the
    /// indicator.</summary>
    public string Direction { get; set; } = "";
    public decimal? Target { get; set; }
    public decimal? Actual { get; set; }
}

/// <summary>A course of a subsidy program, with its own cap and rules.</summary>
public sealed class CourseRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid CourseId { get; set; }
    public Guid ProgramId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public long CapYen { get; set; }
    public bool OncePerApplicant { get; set; }
    public int RoundsPerYear { get; set; }
}

/// <summary>The budget line a subsidy program spends in one fiscal year (SetProgramBudgetLine).</summary>
public sealed class ProgramLineRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid ProgramId { get; set; }
    public int FiscalYear { get; set; }
    public Guid BudgetLineId { get; set; }
}

/// <summary>A numbered item of a priority goal (①…) with its deadline or target and, after the year, its achievement.</summary>
public sealed class PriorityGoalItemRow
{
    public string MunicipalityCode { get; set; } = "";
    public Guid GoalId { get; set; }
    public int Position { get; set; }
    public string Number { get; set; } = "";
    public string Text { get; set; } = "";
    public string Target { get; set; } = "";
    public string Achievement { get; set; } = "";
}
