namespace Kyodo.Plan.Domain;

public enum IndicatorKind
{
    Activity = 1, // 活動指標
    Outcome = 2,  // 成果指標
}

public enum IndicatorDirection
{
    HigherIsBetter = 1,
    LowerIsBetter = 2, // e.g. ごみ量 480 g/人日
}

/// <summary>
/// An activity or outcome indicator of an item: a target per fiscal year, an actual per
/// fiscal year, and the revisions of its targets with their reasons.
/// </summary>
public sealed class Indicator
{
    public Guid Id { get; private set; }
    public Guid ItemId { get; private set; }
    public IndicatorKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public IndicatorDirection Direction { get; private set; }
    public decimal? BaselineValue { get; private set; }
    public int? BaselineFiscalYear { get; private set; }
    public int Position { get; private set; }
    public List<IndicatorTarget> Targets { get; private set; } = [];
    public List<IndicatorActual> Actuals { get; private set; } = [];
    public List<TargetRevision> Revisions { get; private set; } = [];
    /// <summary>Actuals entered for review, one per fiscal year (see <see cref="ActualEntry"/>).</summary>
    public List<ActualEntry> Entries { get; private set; } = [];

    private Indicator() { }

    public Indicator(Guid id, Guid itemId, IndicatorKind kind, string name, string unit, IndicatorDirection direction,
        decimal? baselineValue, int? baselineFiscalYear, int position)
    {
        Id = id;
        ItemId = itemId;
        Kind = kind;
        Name = name;
        Unit = unit;
        Direction = direction;
        BaselineValue = baselineValue;
        BaselineFiscalYear = baselineFiscalYear;
        Position = position;
    }

    /// <summary>Changes what the indicator is; its targets, actuals and revisions stay.</summary>
    public void Redefine(IndicatorKind kind, string name, string unit, IndicatorDirection direction, decimal? baselineValue,
        int? baselineFiscalYear)
    {
        Kind = kind;
        Name = name;
        Unit = unit;
        Direction = direction;
        BaselineValue = baselineValue;
        BaselineFiscalYear = baselineFiscalYear;
    }

    public decimal? TargetFor(int fiscalYear) => Targets.FirstOrDefault(t => t.FiscalYear == fiscalYear)?.Value;

    /// <summary>Sets a target as the document first states it (no revision is recorded).</summary>
    public void SetInitialTarget(int fiscalYear, decimal value)
    {
        if (Targets.Find(t => t.FiscalYear == fiscalYear) is { } target) target.Change(value);
        else Targets.Add(new IndicatorTarget(Id, fiscalYear, value));
    }

    /// <summary>Changes a target, keeping what it was, why, who and when.</summary>
    public TargetRevision ReviseTarget(int fiscalYear, decimal value, string reason, string by, DateTimeOffset at)
    {
        var revision = new TargetRevision(Guid.CreateVersion7(at), Id, fiscalYear, TargetFor(fiscalYear), value, reason, by, at);
        SetInitialTarget(fiscalYear, value);
        Revisions.Add(revision);
        return revision;
    }

    /// <summary>
    /// Records (or corrects) the official actual of a fiscal year at once: a figure already checked
    /// elsewhere (a published document), so its recorder is also its approver.
    /// </summary>
    public void RecordActual(int fiscalYear, decimal value, string note, string by, DateTimeOffset at) =>
        MakeOfficial(fiscalYear, value, note, by, at, by, at);

    private void MakeOfficial(int fiscalYear, decimal value, string note, string recordedBy, DateTimeOffset recordedAt, string approvedBy,
        DateTimeOffset approvedAt)
    {
        if (Actuals.Find(a => a.FiscalYear == fiscalYear) is { } actual)
            actual.Correct(value, note, recordedBy, recordedAt, approvedBy, approvedAt);
        else Actuals.Add(new IndicatorActual(Id, fiscalYear, value, note, recordedBy, recordedAt, approvedBy, approvedAt));
    }

    public ActualEntry? EntryFor(int fiscalYear) => Entries.Find(e => e.FiscalYear == fiscalYear);

    /// <summary>Enters (or changes) the year's actual for review; a value approved before starts a new cycle.</summary>
    public ActualEntry EnterActual(int fiscalYear, decimal value, string note, string by, DateTimeOffset at)
    {
        var entry = EntryFor(fiscalYear);
        if (entry is null) Entries.Add(entry = new ActualEntry(Id, fiscalYear));
        entry.Enter(value, note, by, at);
        return entry;
    }

    public ActualEntry SubmitActual(int fiscalYear, string by, DateTimeOffset at)
    {
        var entry = EntryOrThrow(fiscalYear);
        entry.Review.Submit(by, at, "actual");
        return entry;
    }

    /// <summary>Approves the submitted entry (never by one of its authors): its value becomes the year's official actual.</summary>
    public ActualEntry ApproveActual(int fiscalYear, string by, DateTimeOffset at, string comment)
    {
        var entry = EntryOrThrow(fiscalYear);
        entry.Review.Approve(by, at, comment, "actual");
        MakeOfficial(fiscalYear, entry.Value, entry.Note, entry.EnteredBy, entry.EnteredAt, by, at);
        return entry;
    }

    public ActualEntry ReturnActual(int fiscalYear, string by, DateTimeOffset at, string comment)
    {
        var entry = EntryOrThrow(fiscalYear);
        entry.Review.Return(by, at, comment, "actual");
        return entry;
    }

    private ActualEntry EntryOrThrow(int fiscalYear) => EntryFor(fiscalYear)
        ?? throw new Kyodo.ServiceDefaults.Errors.DomainRuleException("NO_ACTUAL_ENTERED", PlanErrors.NoActualEntered(fiscalYear, Name));
}

/// <summary>The target of one fiscal year.</summary>
public sealed class IndicatorTarget
{
    public Guid IndicatorId { get; private set; }
    public int FiscalYear { get; private set; }
    public decimal Value { get; private set; }

    private IndicatorTarget() { }

    public IndicatorTarget(Guid indicatorId, int fiscalYear, decimal value)
    {
        IndicatorId = indicatorId;
        FiscalYear = fiscalYear;
        Value = value;
    }

    public void Change(decimal value) => Value = value;
}

/// <summary>The official actual of one fiscal year, with who recorded and approved it and when.</summary>
public sealed class IndicatorActual
{
    public Guid IndicatorId { get; private set; }
    public int FiscalYear { get; private set; }
    public decimal Value { get; private set; }
    public string Note { get; private set; } = "";
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    /// <summary>Who made the value official, and when: its approver, or its recorder when recorded official at once.</summary>
    public string ApprovedBy { get; private set; } = "";
    public DateTimeOffset ApprovedAt { get; private set; }

    private IndicatorActual() { }

    public IndicatorActual(Guid indicatorId, int fiscalYear, decimal value, string note, string recordedBy, DateTimeOffset recordedAt,
        string approvedBy, DateTimeOffset approvedAt)
    {
        IndicatorId = indicatorId;
        FiscalYear = fiscalYear;
        Correct(value, note, recordedBy, recordedAt, approvedBy, approvedAt);
    }

    public void Correct(decimal value, string note, string recordedBy, DateTimeOffset recordedAt, string approvedBy,
        DateTimeOffset approvedAt)
    {
        Value = value;
        Note = note;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
        ApprovedBy = approvedBy;
        ApprovedAt = approvedAt;
    }
}

/// <summary>A change of one year's target: previous and new value, the reason (特記事項), who and when.</summary>
public sealed class TargetRevision
{
    public Guid Id { get; private set; }
    public Guid IndicatorId { get; private set; }
    public int FiscalYear { get; private set; }
    public decimal? PreviousValue { get; private set; }
    public decimal NewValue { get; private set; }
    public string Reason { get; private set; } = "";
    public string RevisedBy { get; private set; } = "";
    public DateTimeOffset RevisedAt { get; private set; }

    private TargetRevision() { }

    public TargetRevision(Guid id, Guid indicatorId, int fiscalYear, decimal? previousValue, decimal newValue, string reason,
        string revisedBy, DateTimeOffset revisedAt)
    {
        Id = id;
        IndicatorId = indicatorId;
        FiscalYear = fiscalYear;
        PreviousValue = previousValue;
        NewValue = newValue;
        Reason = reason;
        RevisedBy = revisedBy;
        RevisedAt = revisedAt;
    }
}
