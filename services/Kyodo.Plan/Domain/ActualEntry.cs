namespace Kyodo.Plan.Domain;

/// <summary>
/// An indicator's actual of one fiscal year on its way to becoming official: entered by the
/// department (draft), submitted, then approved by another person (the value becomes the
/// indicator's actual) or returned with a comment. One per indicator and year; after an
/// approval it stays, approved, until a corrected value starts a new cycle.
/// </summary>
public sealed class ActualEntry
{
    public Guid IndicatorId { get; private set; }
    public int FiscalYear { get; private set; }
    public decimal Value { get; private set; }
    public string Note { get; private set; } = "";
    public string EnteredBy { get; private set; } = "";
    public DateTimeOffset EnteredAt { get; private set; }
    public Review Review { get; private set; } = new();

    private ActualEntry() { }

    public ActualEntry(Guid indicatorId, int fiscalYear)
    {
        IndicatorId = indicatorId;
        FiscalYear = fiscalYear;
    }

    public bool IsPending => Review.Status != ReviewStatus.Approved;

    public void Enter(decimal value, string note, string by, DateTimeOffset at)
    {
        if (Review.Status == ReviewStatus.Approved) Review.Reopen(by);
        else Review.Write(by, "actual");
        (Value, Note, EnteredBy, EnteredAt) = (value, note, by, at);
    }
}
