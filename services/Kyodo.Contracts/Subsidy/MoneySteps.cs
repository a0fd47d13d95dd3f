namespace Kyodo.Contracts.Subsidy;

/// <summary>The budget service's queue for what subsidy tells it to finish or undo (see <see cref="AwardAbandoned"/>).</summary>
public static class MoneyStepQueue
{
    public const string Name = "budget-subsidy-money-steps";
}

/// <summary>
/// An award whose reservation was asked for (Reserve with <paramref name="ReservationKey"/> on
/// <paramref name="BudgetLineId"/>) will never be confirmed: the Reserve's answer was lost, or
/// the subsidy service crashed before it recorded the award. The budget service releases what
/// it reserved under that key, or, when it reserved nothing, refuses the key from then on, so a
/// Reserve still on its way cannot hold money for an award that does not exist.
/// </summary>
[SentTo(MoneyStepQueue.Name)]
public sealed record AwardAbandoned(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid ApplicationId,
    Guid BudgetLineId,
    string ReservationKey) : IIntegrationEvent;

/// <summary>
/// A settlement the subsidy service recorded without the budget service's answer to its Commit
/// (the answer was lost, or subsidy crashed before recording it): the budget service commits
/// <paramref name="SettledYen"/> of the reservation under <paramref name="CommitKey"/>, exactly
/// as Commit would (releasing the rest), or does nothing when that key already committed it.
/// </summary>
[SentTo(MoneyStepQueue.Name)]
public sealed record SettlementRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid ApplicationId,
    Guid ReservationId,
    string CommitKey,
    long SettledYen) : IIntegrationEvent;
