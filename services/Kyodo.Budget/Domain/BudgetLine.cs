using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Budget.Domain;

/// <summary>
/// One program (a plan item) in one fiscal year: its account classification, its current
/// stage and amounts by funding source, the history of its stages, and the running totals
/// of what subsidies have reserved and committed against it (never above its cost).
/// </summary>
public sealed class BudgetLine
{
    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public Guid ItemId { get; private set; }
    public string ItemTitle { get; private set; } = "";
    public Guid? DepartmentId { get; private set; }
    public string DepartmentName { get; private set; } = "";
    public int FiscalYear { get; private set; }
    public AccountClassification Account { get; private set; } = AccountClassification.None;
    public BudgetStage Stage { get; private set; }
    public int SupplementaryNumber { get; private set; }
    public Funding Funding { get; private set; } = null!;
    public long ReservedYen { get; private set; }
    public long CommittedYen { get; private set; }
    public List<BudgetRevision> Revisions { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>Optimistic-concurrency token (PostgreSQL xmin).</summary>
    public long Version { get; private set; }

    public long AvailableYen => Funding.CostYen - ReservedYen - CommittedYen;
    public StagePoint StagePoint => new(Stage, SupplementaryNumber);

    private BudgetLine() { }

    public BudgetLine(Guid id, string municipalityCode, Guid itemId, string itemTitle, Guid? departmentId, string departmentName,
        int fiscalYear, AccountClassification account, StagePoint stage, Funding funding, string by, DateTimeOffset at)
    {
        Id = id;
        MunicipalityCode = municipalityCode;
        ItemId = itemId;
        ItemTitle = itemTitle;
        DepartmentId = departmentId;
        DepartmentName = departmentName;
        FiscalYear = fiscalYear;
        Account = account;
        CreatedAt = at;
        Apply(stage, funding, by, at);
    }

    /// <summary>
    /// Moves the line to a later stage (or corrects the current one) with new amounts. Stages
    /// only move forward (当初 → 補正 1 → 補正 2 … → 決算); a settled line is final; the cost
    /// never drops below what subsidies hold against it.
    /// </summary>
    public void Revise(StagePoint stage, Funding funding, AccountClassification? account, string by, DateTimeOffset at)
    {
        if (Stage == BudgetStage.Settled)
            throw new DomainRuleException("LINE_SETTLED", $"The FY{FiscalYear} line is settled (決算); it cannot be revised.");
        if (stage.CompareTo(StagePoint) < 0)
            throw new DomainRuleException("STAGE_BACKWARDS", $"The line is at {StagePoint}; it cannot go back to {stage}.",
                new Dictionary<string, string> { ["current_stage"] = StagePoint.ToString() });
        if (funding.CostYen < ReservedYen + CommittedYen)
            throw new DomainRuleException("BELOW_RESERVED",
                $"事業費 {funding.CostYen:N0} yen would be below the {ReservedYen + CommittedYen:N0} yen subsidies hold against the line.",
                new Dictionary<string, string> { ["held_yen"] = (ReservedYen + CommittedYen).ToString() });
        if (account is not null) Account = account;
        Apply(stage, funding, by, at);
    }

    private void Apply(StagePoint stage, Funding funding, string by, DateTimeOffset at)
    {
        Stage = stage.Stage;
        SupplementaryNumber = stage.SupplementaryNumber;
        Funding = funding;
        UpdatedAt = at;
        Revisions.Add(new BudgetRevision(Guid.CreateVersion7(at), Id, Revisions.Count + 1, stage, funding, by, at));
    }

    /// <summary>
    /// Hands the line to its item's current lead department (an admin moved the item). Recorded
    /// as a revision with unchanged amounts, so the line's revision number rises and readers that
    /// keep the newest revision (reporting, subsidy) take the new department; allowed on a settled
    /// line too, because ownership is not an amount.
    /// </summary>
    public void MoveToDepartment(Guid? departmentId, string departmentName, string by, DateTimeOffset at)
    {
        DepartmentId = departmentId;
        DepartmentName = departmentName;
        Apply(StagePoint, Funding, by, at);
    }

    /// <summary>Holds <paramref name="amountYen"/> for a subsidy, if the line still has it.</summary>
    public void Reserve(long amountYen)
    {
        if (amountYen > AvailableYen)
            throw new DomainRuleException("BUDGET_EXHAUSTED",
                $"Only {AvailableYen:N0} yen is still available on the FY{FiscalYear} line of {ItemTitle}; {amountYen:N0} yen was asked for.",
                new Dictionary<string, string> { ["available_yen"] = AvailableYen.ToString() });
        ReservedYen += amountYen;
    }

    public void Commit(long reservedYen, long committedYen)
    {
        ReservedYen -= reservedYen;
        CommittedYen += committedYen;
    }

    public void Release(long reservedYen) => ReservedYen -= reservedYen;
}

/// <summary>One stage of a line as it was written: the amounts, who and when.</summary>
public sealed class BudgetRevision
{
    public Guid Id { get; private set; }
    public Guid LineId { get; private set; }
    public int Sequence { get; private set; }
    public BudgetStage Stage { get; private set; }
    public int SupplementaryNumber { get; private set; }
    public Funding Funding { get; private set; } = null!;
    public string RevisedBy { get; private set; } = "";
    public DateTimeOffset RevisedAt { get; private set; }

    private BudgetRevision() { }

    public BudgetRevision(Guid id, Guid lineId, int sequence, StagePoint stage, Funding funding, string revisedBy, DateTimeOffset revisedAt)
    {
        Id = id;
        LineId = lineId;
        Sequence = sequence;
        Stage = stage.Stage;
        SupplementaryNumber = stage.SupplementaryNumber;
        Funding = funding;
        RevisedBy = revisedBy;
        RevisedAt = revisedAt;
    }
}
