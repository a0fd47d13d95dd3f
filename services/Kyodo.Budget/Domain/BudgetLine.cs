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
    /// <summary>Optimistic-concurrency token: counts this record's own changes (ServiceDefaults RowVersions), 1 on creation.</summary>
    public long Version { get; private set; }

    public long AvailableYen => Funding.CostYen - ReservedYen - CommittedYen;

    /// <summary>
    /// The sum of the 繰越・流用・予備費充用 the line has had (carried or moved out negative), source by
    /// source: what its amounts hold on top of the 当初・補正 budget. Needs the revisions loaded.
    /// </summary>
    public Funding Adjustments
    {
        get
        {
            var total = Funding.Zero;
            BudgetRevision? previous = null;
            foreach (var revision in Revisions.OrderBy(r => r.Sequence))
            {
                if (revision.Stage.IsAdjustment()) total = total.Plus(revision.Funding.Minus(previous?.Funding ?? Funding.Zero));
                previous = revision;
            }
            return total;
        }
    }

    /// <summary>The amounts its stage states (当初・補正: without adjustments; 決算: the final amounts), as a sheet gives them.</summary>
    public Funding StageAmounts => Stage == BudgetStage.Settled ? Funding : Funding.Minus(Adjustments);
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
            throw new DomainRuleException("LINE_SETTLED", BudgetErrors.LineSettled(FiscalYear));
        if (stage.CompareTo(StagePoint) < 0)
            throw new DomainRuleException("STAGE_BACKWARDS", BudgetErrors.StageBackwards(StagePoint.ToString(), stage.ToString()),
                new Dictionary<string, string> { ["current_stage"] = StagePoint.ToString() });
        if (account is not null) Account = account;
        // 当初・補正 amounts exclude what was carried over, moved or drawn: those stay on top of them.
        // 決算 gives the final amounts whole.
        var amounts = stage.Stage == BudgetStage.Settled ? funding : funding.Plus(Adjustments);
        if (amounts.NegativeSources() is { Count: > 0 } negative)
            throw new DomainRuleException("BELOW_ADJUSTMENTS",
                BudgetErrors.BelowAdjustments(stage.ToString(), negative),
                new Dictionary<string, string> { ["sources"] = string.Join(",", negative) });
        EnsureHolds(amounts);
        Apply(stage, amounts, by, at);
    }

    /// <summary>
    /// Records 繰越, 流用 or 予備費充用 on this line: <paramref name="change"/> is what it gains (negative:
    /// what it gives), by source. Allowed until the line is settled; no source may go below zero, nor
    /// the cost below what subsidies hold. The stage stays where it was.
    /// </summary>
    public void Adjust(BudgetStage kind, Funding change, string reason, Guid? counterpartLineId, string by, DateTimeOffset at)
    {
        if (!kind.IsAdjustment()) throw new ArgumentException("Not a 繰越・流用・予備費充用.", nameof(kind));
        if (Stage == BudgetStage.Settled)
            throw new DomainRuleException("LINE_SETTLED", BudgetErrors.LineSettledForAdjustment(FiscalYear, ItemTitle, kind.Japanese()));
        var amounts = Funding.Plus(change);
        if (amounts.NegativeSources() is { Count: > 0 } negative)
            throw new DomainRuleException("ADJUSTMENT_EXCEEDS_SOURCE",
                BudgetErrors.AdjustmentExceedsSource(FiscalYear, ItemTitle, negative, kind.Japanese()),
                new Dictionary<string, string> { ["sources"] = string.Join(",", negative), ["budget_line_id"] = Id.ToString() });
        EnsureHolds(amounts);
        Funding = amounts;
        UpdatedAt = at;
        Revisions.Add(new BudgetRevision(Guid.CreateVersion7(at), Id, Revisions.Count + 1, new StagePoint(kind, 0), amounts, by, at, reason,
            counterpartLineId));
    }

    /// <summary>
    /// Refuses a 流用 from this line to <paramref name="to"/> unless both are of one municipality and fiscal
    /// year (INVALID_ARGUMENT on counterpart_line_id) and of one 会計 and 款, which both must name
    /// (地方自治法 220条2項 forbids moving between 款).
    /// </summary>
    public void EnsureMayTransferTo(BudgetLine to)
    {
        new RequestValidation()
            .Check(to.MunicipalityCode == MunicipalityCode, "counterpart_line_id", BudgetErrors.CounterpartOfOtherMunicipality)
            .Check(to.FiscalYear == FiscalYear, "counterpart_line_id", BudgetErrors.TransferAcrossYears(to.FiscalYear, FiscalYear))
            .ThrowIfInvalid();
        if (Account.AccountName.Length == 0 || Account.SectionName.Length == 0
            || to.Account.AccountName.Length == 0 || to.Account.SectionName.Length == 0)
            throw new DomainRuleException("TRANSFER_NEEDS_ACCOUNT", BudgetErrors.TransferNeedsAccount);
        if (Account.AccountName != to.Account.AccountName || Account.SectionNumber != to.Account.SectionNumber
            || Account.SectionName != to.Account.SectionName)
            throw new DomainRuleException("TRANSFER_BETWEEN_SECTIONS",
                BudgetErrors.TransferBetweenSections(Account.Path, to.Account.Path),
                new Dictionary<string, string> { ["from_account"] = Account.Path, ["to_account"] = to.Account.Path });
    }

    private void EnsureHolds(Funding amounts)
    {
        if (amounts.CostYen < ReservedYen + CommittedYen)
            throw new DomainRuleException("BELOW_RESERVED",
                BudgetErrors.BelowReserved(amounts.CostYen, ReservedYen + CommittedYen, FiscalYear, ItemTitle),
                new Dictionary<string, string>
                {
                    ["held_yen"] = (ReservedYen + CommittedYen).ToString(),
                    ["budget_line_id"] = Id.ToString()
                });
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
                BudgetErrors.BudgetExhausted(AvailableYen, FiscalYear, ItemTitle, amountYen),
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
    /// <summary>繰越・流用・予備費充用: why, and the line on the other side (none for 予備費充用).</summary>
    public string Reason { get; private set; } = "";
    public Guid? CounterpartLineId { get; private set; }

    private BudgetRevision() { }

    public BudgetRevision(Guid id, Guid lineId, int sequence, StagePoint stage, Funding funding, string revisedBy, DateTimeOffset revisedAt,
        string reason = "", Guid? counterpartLineId = null)
    {
        Reason = reason;
        CounterpartLineId = counterpartLineId;
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
