using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Budget.Domain;

public enum ReservationStatus
{
    Reserved = 1,
    Committed = 2,
    Released = 3,
}

/// <summary>Money held against a budget line for one purpose (a subsidy award), later committed or released.</summary>
public sealed class Reservation
{
    public Guid Id { get; private set; }
    public Guid LineId { get; private set; }
    public string Purpose { get; private set; } = "";
    public long AmountYen { get; private set; }
    public long CommittedYen { get; private set; }
    public ReservationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private Reservation() { }

    public Reservation(Guid id, Guid lineId, string purpose, long amountYen, DateTimeOffset at)
    {
        Id = id;
        LineId = lineId;
        Purpose = purpose;
        AmountYen = amountYen;
        Status = ReservationStatus.Reserved;
        CreatedAt = at;
        UpdatedAt = at;
    }

    /// <summary>Commits <paramref name="amountYen"/> (at most what is reserved) on <paramref name="line"/>; the rest goes back to
    /// it.</summary>
    public void Commit(BudgetLine line, long amountYen, DateTimeOffset at)
    {
        EnsureReserved("commit");
        if (amountYen > AmountYen)
            throw new DomainRuleException("ABOVE_RESERVED", BudgetErrors.AboveReserved(amountYen, AmountYen));
        line.Commit(AmountYen, amountYen);
        CommittedYen = amountYen;
        Status = ReservationStatus.Committed;
        UpdatedAt = at;
    }

    public void Release(BudgetLine line, DateTimeOffset at)
    {
        EnsureReserved("release");
        line.Release(AmountYen);
        Status = ReservationStatus.Released;
        UpdatedAt = at;
    }

    private void EnsureReserved(string action)
    {
        if (Status != ReservationStatus.Reserved)
            throw new DomainRuleException("RESERVATION_NOT_OPEN", BudgetErrors.ReservationNotOpen(action == "commit", Status.ToString()),
                new Dictionary<string, string> { ["status"] = Status.ToString() });
    }
}
