namespace Kyodo.Reporting.ReadModels;

// Rows of the reporting database, each built from one kind of event. Every row keeps
// the occurred-at time of the event it came from: reports state their freshness from it.

/// <summary>A plan as announced by PlanCreated.</summary>
public sealed class PlanRow
{
    public Guid PlanId { get; set; }
    public string MunicipalityCode { get; set; } = "";
    public string Name { get; set; } = "";
    public int StartFiscalYear { get; set; }
    public int EndFiscalYear { get; set; }
    public DateTimeOffset AsOf { get; set; }
}

/// <summary>A budget line as announced by BudgetLineCreated; whole yen.</summary>
public sealed class BudgetLineRow
{
    public Guid BudgetLineId { get; set; }
    public string MunicipalityCode { get; set; } = "";
    public string ItemId { get; set; } = "";
    public int FiscalYear { get; set; }
    public long CostYen { get; set; }
    public long NationalPrefecturalYen { get; set; }
    public long LocalBondYen { get; set; }
    public long OtherYen { get; set; }
    public long GeneralRevenueYen { get; set; }
    public DateTimeOffset AsOf { get; set; }
}

/// <summary>A subsidy program as announced by SubsidyProgramCreated.</summary>
public sealed class SubsidyProgramRow
{
    public Guid ProgramId { get; set; }
    public string MunicipalityCode { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset AsOf { get; set; }
}
