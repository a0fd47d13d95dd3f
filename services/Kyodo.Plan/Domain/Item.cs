using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Plan.Domain;

/// <summary>
/// An item (推進項目 / 事務事業 / 重点取組項目): the unit of work of a plan. One record however
/// often it is listed (【再掲】): its placements say where, exactly one of them primary.
/// </summary>
public sealed class Item
{
    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public string MunicipalityCode { get; private set; } = "";

    public string Title { get; private set; } = "";
    public ItemNovelty Novelty { get; private set; }
    /// <summary>Departments in charge (担当課), lead first.</summary>
    public List<Guid> DepartmentIds { get; private set; } = [];
    public List<string> ImplementingBodies { get; private set; } = [];
    public List<Stakeholder> TargetStakeholders { get; private set; } = [];
    public string TargetOther { get; private set; } = "";
    public string Purpose { get; private set; } = "";
    public string CurrentState { get; private set; } = "";
    public string Content { get; private set; } = "";
    public string CompletionCriterion { get; private set; } = "";
    public string ExpectedEffects { get; private set; } = "";
    public int? Rank { get; private set; }
    public int? RankOf { get; private set; }
    public MayoralPledge MayoralPledge { get; private set; }
    public List<string> LinkedPlans { get; private set; } = [];
    public string SpecialNotes { get; private set; } = "";

    public List<ItemYearlyGoal> YearlyGoals { get; private set; } = [];
    public List<ItemPlacement> Placements { get; private set; } = [];
    public List<ScheduleCell> Schedule { get; private set; } = [];
    public List<Indicator> Indicators { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// Counts every accepted change, so event consumers can tell a newer state from an
    /// older one whatever order events arrive in.
    /// </summary>
    public int Revision { get; private set; }

    /// <summary>Optimistic-concurrency token: counts this record's own changes (ServiceDefaults RowVersions), 1 on creation.</summary>
    public long Version { get; private set; }

    private Item() { }

    public Item(Guid id, Guid planId, string municipalityCode, DateTimeOffset createdAt)
    {
        Id = id;
        PlanId = planId;
        MunicipalityCode = municipalityCode;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public void Describe(ItemContent content, IReadOnlyList<Guid> departmentIds)
    {
        Title = content.Title;
        Novelty = content.Novelty;
        DepartmentIds = [.. departmentIds];
        ImplementingBodies = [.. content.ImplementingBodies];
        TargetStakeholders = [.. content.TargetStakeholders.Distinct().Order()];
        TargetOther = content.TargetOther;
        Purpose = content.Purpose;
        CurrentState = content.CurrentState;
        Content = content.Content;
        CompletionCriterion = content.CompletionCriterion;
        ExpectedEffects = content.ExpectedEffects;
        Rank = content.Rank?.Rank;
        RankOf = content.Rank?.Of;
        MayoralPledge = content.MayoralPledge;
        LinkedPlans = [.. content.LinkedPlans];
        SpecialNotes = content.SpecialNotes;
        YearlyGoals.SyncTo(content.YearlyGoals.Select(g => new ItemYearlyGoal(Id, g.FiscalYear, g.Text)),
            g => g.FiscalYear, (kept, wanted) => kept.Rewrite(wanted.Text));
    }

    /// <summary>Lists the item under these nodes; the caller has checked the nodes belong to its plan.</summary>
    public void PlaceUnder(IReadOnlyList<(Guid NodeId, string Code, bool Primary)> placements)
    {
        if (placements.Count == 0)
            throw new DomainRuleException("NO_PLACEMENT", PlanErrors.NoPlacement);
        if (placements.Count(p => p.Primary) != 1)
            throw new DomainRuleException("ONE_PRIMARY_PLACEMENT", PlanErrors.OnePrimaryPlacement);
        if (placements.Select(p => p.NodeId).Distinct().Count() != placements.Count)
            throw new DomainRuleException("DUPLICATE_PLACEMENT", PlanErrors.DuplicatePlacement);
        Placements.SyncTo(placements.Select(p => new ItemPlacement(Id, p.NodeId, p.Code, p.Primary)),
            p => p.NodeId, (kept, wanted) => kept.Change(wanted.Code, wanted.IsPrimary));
    }

    /// <summary>
    /// True when <see cref="PlaceUnder"/> would move the primary placement to another node the
    /// item is already listed under. The database allows one primary row per item at any
    /// moment, so the old one must be cleared (and saved) first: see <see cref="ClearPrimary"/>.
    /// </summary>
    public bool MovesPrimary(IReadOnlyList<(Guid NodeId, string Code, bool Primary)> placements) =>
        Placements.Any(p => p.IsPrimary) && placements.Any(p => p.Primary && Placements.Any(x => x.NodeId == p.NodeId && !x.IsPrimary));

    public void ClearPrimary()
    {
        foreach (var placement in Placements) placement.Change(placement.Code, isPrimary: false);
    }

    /// <summary>Replaces the schedule; rows are numbered in the order given, empty cells dropped.</summary>
    public void Reschedule(IReadOnlyList<(string Label, IReadOnlyList<(int FiscalYear, IReadOnlyList<string> Stages)> Cells)> rows)
    {
        var cells = rows.SelectMany((row, index) => row.Cells
            .Where(c => c.Stages.Count > 0)
            .Select(c => new ScheduleCell(Id, index + 1, row.Label, c.FiscalYear, c.Stages)));
        Schedule.SyncTo(cells, c => (c.Row, c.FiscalYear), (kept, wanted) => kept.Change(wanted.RowLabel, wanted.Stages));
    }

    public Indicator AddIndicator(Guid id, IndicatorKind kind, string name, string unit, IndicatorDirection direction,
        decimal? baselineValue, int? baselineFiscalYear)
    {
        var indicator = new Indicator(id, Id, kind, name, unit, direction, baselineValue, baselineFiscalYear,
            Indicators.Count == 0 ? 1 : Indicators.Max(i => i.Position) + 1);
        Indicators.Add(indicator);
        return indicator;
    }

    /// <summary>Marks an accepted change: the revision every event of this change carries.</summary>
    public void Touch(DateTimeOffset at)
    {
        UpdatedAt = at;
        Revision++;
    }

    /// <summary>Removes an indicator with its targets, actuals and revisions.</summary>
    public Indicator RemoveIndicator(Guid indicatorId)
    {
        var indicator = Indicators.Single(i => i.Id == indicatorId);
        Indicators.Remove(indicator);
        return indicator;
    }
}

/// <summary>An item's goal text of one fiscal year.</summary>
public sealed class ItemYearlyGoal
{
    public Guid ItemId { get; private set; }
    public int FiscalYear { get; private set; }
    public string Text { get; private set; } = "";

    private ItemYearlyGoal() { }

    public ItemYearlyGoal(Guid itemId, int fiscalYear, string text)
    {
        ItemId = itemId;
        FiscalYear = fiscalYear;
        Text = text;
    }

    public void Rewrite(string text) => Text = text;
}
