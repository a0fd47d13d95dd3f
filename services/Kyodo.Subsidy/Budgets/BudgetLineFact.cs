namespace Kyodo.Subsidy.Budgets;

/// <summary>
/// What the subsidy service keeps of a budget service's line to decide, from its own database,
/// whose a program is: the line's municipality, fiscal year and item (whose lead department, kept
/// in plan_item_facts, is the line's owner now), and whether the budget service deleted it. Fed
/// by the budget service's line events, or learned by asking it once about a line not seen yet;
/// the highest revision wins.
/// </summary>
public sealed class BudgetLineFact
{
    public Guid LineId { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    /// <summary>Empty for a line seen only as deleted.</summary>
    public Guid ItemId { get; private set; }
    public int FiscalYear { get; private set; }
    public int Revision { get; private set; }
    public bool Deleted { get; private set; }

    private BudgetLineFact() { } // rows are written by BudgetLineFacts with INSERT … ON CONFLICT
}
