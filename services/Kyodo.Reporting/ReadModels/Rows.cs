namespace Kyodo.Reporting.ReadModels;

// The reporting database's rows, one kind per record the other services publish. Where
// reports need more than a few columns the row keeps the event's whole snapshot as JSON.

public sealed class PlanRow : VersionedRow
{
    public Guid PlanId { get; set; }
    public string Name { get; set; } = "";
    public int StartFiscalYear { get; set; }
    public int EndFiscalYear { get; set; }
}

public sealed class NodeRow : VersionedRow
{
    public Guid NodeId { get; set; }
    public Guid PlanId { get; set; }
    public Guid? ParentId { get; set; }
    public string LevelName { get; set; } = "";
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public int Position { get; set; }
}

public sealed class DepartmentRow : VersionedRow
{
    public Guid DepartmentId { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>An item with its whole ItemSnapshot (fields, placements, schedule, indicators).</summary>
public sealed class ItemRow : VersionedRow
{
    public Guid ItemId { get; set; }
    public Guid PlanId { get; set; }
    public Guid? LeadDepartmentId { get; set; }
    public string Title { get; set; } = "";
    public string SnapshotJson { get; set; } = "{}";
}

/// <summary>A budget line with its amounts by funding source, whole yen.</summary>
public sealed class BudgetLineRow : VersionedRow
{
    public Guid BudgetLineId { get; set; }
    public Guid ItemId { get; set; }
    public string ItemTitle { get; set; } = "";
    public Guid? DepartmentId { get; set; }
    public string DepartmentName { get; set; } = "";
    public int FiscalYear { get; set; }
    public string Stage { get; set; } = "";
    public string AccountPath { get; set; } = "";
    public long CostYen { get; set; }
    public long NationalPrefecturalYen { get; set; }
    public long LocalBondYen { get; set; }
    public long OtherYen { get; set; }
    public long GeneralRevenueYen { get; set; }
}

/// <summary>A subsidy program with its courses and budget lines (SubsidyProgramChanged snapshot).</summary>
public sealed class SubsidyProgramRow : VersionedRow
{
    public Guid ProgramId { get; set; }
    public string Name { get; set; } = "";
    public string SnapshotJson { get; set; } = "{}";
}

/// <summary>A subsidy application's latest step and amounts.</summary>
public sealed class ApplicationRow : VersionedRow
{
    public Guid ApplicationId { get; set; }
    public Guid ProgramId { get; set; }
    public string ProgramName { get; set; } = "";
    public Guid CourseId { get; set; }
    public string CourseName { get; set; } = "";
    public int FiscalYear { get; set; }
    public string Status { get; set; } = "";
    public long RequestedYen { get; set; }
    public long AwardedYen { get; set; }
    public long SettledYen { get; set; }
}

/// <summary>A department's priority goal with its items (PriorityGoalChanged snapshot).</summary>
public sealed class PriorityGoalRow : VersionedRow
{
    public Guid GoalId { get; set; }
    public Guid DepartmentId { get; set; }
    public string DepartmentName { get; set; } = "";
    public int FiscalYear { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
    public string ItemsJson { get; set; } = "[]";
}
