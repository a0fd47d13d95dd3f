using Kyodo.ServiceDefaults.Idempotency;

namespace Kyodo.Subsidy.Domain;

public enum MoneyStepKind
{
    Award = 1,  // reserve in the budget, then record the award
    Settle = 2, // commit in the budget, then record the settlement
}

/// <summary>
/// A step of an application that moves money in the budget service, recorded (committed) before
/// the budget service is called and removed in the transaction that records the step's outcome,
/// so that no transaction or lock is held while the budget service answers and a crash at any
/// point leaves a row to finish or undo. While it exists the application takes no other step.
/// An award is undone unless the call that started it confirms it: its reservation is abandoned
/// (the budget service releases it, or refuses its key). A settlement is finished: its commit is
/// sent to the budget service to apply once. The recoverer does either for a step left behind
/// longer than any call takes (<see cref="IsLeftBehind"/>).
/// </summary>
public sealed class MoneyStep
{
    public Guid Id { get; private set; }
    /// <summary>One step in flight per application (unique).</summary>
    public Guid ApplicationId { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public MoneyStepKind Kind { get; private set; }
    /// <summary>The award's amount, or the settled amount.</summary>
    public long AmountYen { get; private set; }
    /// <summary>Award: the line the money is reserved on.</summary>
    public Guid? BudgetLineId { get; private set; }
    /// <summary>Settle: the award's reservation, committed.</summary>
    public Guid? ReservationId { get; private set; }
    /// <summary>The idempotency key of the budget call (Reserve, Commit) and of the message that finishes or undoes it.</summary>
    public string BudgetKey { get; private set; } = "";
    /// <summary>Who asked (the application step's who), and the comment they gave.</summary>
    public string By { get; private set; } = "";
    public string Comment { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    // The answer owed to the call's request_id (all null without one), in the columns of its record but the
    // response: stored where the step ends, by the call or the recoverer, so a retry of the call hears it.
    public string? AnswerMunicipalityCode { get; private set; }
    public string? AnswerKey { get; private set; }
    public string? AnswerOperation { get; private set; }
    public byte[]? AnswerRequestHash { get; private set; }

    private MoneyStep() { }

    private MoneyStep(Guid id, Application application, MoneyStepKind kind, long amountYen, string budgetKey, string by, string comment,
        DateTimeOffset at, OwedAnswer? owed)
    {
        AnswerMunicipalityCode = owed?.MunicipalityCode;
        AnswerKey = owed?.Key;
        AnswerOperation = owed?.Operation;
        AnswerRequestHash = owed?.RequestHash;
        Id = id;
        ApplicationId = application.Id;
        MunicipalityCode = application.MunicipalityCode;
        Kind = kind;
        AmountYen = amountYen;
        BudgetKey = budgetKey;
        By = by;
        Comment = comment;
        StartedAt = at;
    }

    /// <summary>
    /// An award of <paramref name="amountYen"/> from <paramref name="budgetLineId"/>. Its key is the
    /// step's own: an award undone and asked again reserves afresh, never meeting the abandoned key.
    /// </summary>
    public static MoneyStep Award(Guid id, Application application, Guid budgetLineId, long amountYen, string by, string comment,
        DateTimeOffset at, OwedAnswer? owed = null) =>
        new(id, application, MoneyStepKind.Award, amountYen, $"subsidy-award-{application.Id}-{id}", by, comment, at,
            owed)
        { BudgetLineId = budgetLineId };

    /// <summary>The settlement of <paramref name="settledYen"/>; an application settles once, so its key is the application's.</summary>
    public static MoneyStep Settle(Guid id, Application application, long settledYen, string by, string comment, DateTimeOffset at,
        OwedAnswer? owed = null) =>
        new(id, application, MoneyStepKind.Settle, settledYen, $"subsidy-settle-{application.Id}", by, comment, at, owed)
        {
            ReservationId =
                application.ReservationId ?? throw new InvalidOperationException($"Application {application.Id} holds no reservation."),
        };

    /// <summary>The answer owed to the call that started the step (its request_id), or null when it carried none.</summary>
    public OwedAnswer? Owed() =>
        AnswerKey is null ? null : new OwedAnswer(AnswerMunicipalityCode!, AnswerKey, AnswerOperation!, AnswerRequestHash!);

    /// <summary>Started longer ago than any call that could still confirm it lasts: nobody will, so the recoverer does.</summary>
    public bool IsLeftBehind(DateTimeOffset now, TimeSpan staleAfter) => now - StartedAt > staleAfter;
}
