using Google.Rpc;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Subsidy.Budgets;

/// <summary>
/// The money side of awards and settlements, the subsidy service's one synchronous need of the
/// budget service: an award must know now that its money is reserved. Called outside any
/// transaction, once the step is recorded (Domain.MoneyStep).
/// </summary>
public interface IBudgetReservations
{
    /// <summary>Reserves money; the budget's refusal becomes FAILED_PRECONDITION with its reason (BUDGET_EXHAUSTED …).</summary>
    Task<Guid> ReserveAsync(string idempotencyKey, Guid lineId, long amountYen, string purpose, CancellationToken ct);

    Task CommitAsync(string idempotencyKey, Guid reservationId, long amountYen, CancellationToken ct);
}

public sealed class BudgetServiceOptions
{
    /// <summary>
    /// How long to wait for the budget service before answering UNAVAILABLE (BudgetService:Timeout);
    /// the caller's own deadline, when earlier, wins.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Calls the budget service with the caller's token and deadline (ForwardCaller): the budget
/// service applies the same caller's rights, so an editor reserves only on its departments' lines.
/// </summary>
internal sealed class GrpcBudgetReservations(BudgetService.BudgetServiceClient client) : IBudgetReservations
{
    public Task<Guid> ReserveAsync(string idempotencyKey, Guid lineId, long amountYen, string purpose, CancellationToken ct) =>
        BudgetAnswers.Translate(async () => Guid.Parse((await client.ReserveAsync(new ReserveRequest
        {
            IdempotencyKey = idempotencyKey, BudgetLineId = lineId.ToString(), AmountYen = amountYen, Purpose = purpose,
        }, cancellationToken: ct)).Reservation.Id), ("budget line", lineId));

    public Task CommitAsync(string idempotencyKey, Guid reservationId, long amountYen, CancellationToken ct) =>
        BudgetAnswers.Translate(async () => await client.CommitAsync(new CommitRequest
        {
            IdempotencyKey = idempotencyKey, ReservationId = reservationId.ToString(), AmountYen = amountYen,
        }, cancellationToken: ct), ("reservation", reservationId));
}

/// <summary>The budget service's answers as this service's errors, and which of them say the budget service wrote nothing.</summary>
internal static class BudgetAnswers
{
    /// <param name="what">Resource and id for NOT_FOUND, e.g. ("budget line", id).</param>
    public static async Task<T> Translate<T>(Func<Task<T>> call, (string Resource, Guid Id) what)
    {
        try
        {
            return await call();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw new NotFoundException(what.Resource, what.Id.ToString());
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            var info = ex.GetRpcStatus()?.GetDetail<ErrorInfo>();
            throw new DomainRuleException(info?.Reason ?? "BUDGET_REFUSED", SubsidyErrors.BudgetRefused(ex.Status.Detail),
                info?.Metadata.ToDictionary(m => m.Key, m => m.Value));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal
            or StatusCode.Unknown)
        {
            throw new DependencyUnavailableException(SubsidyErrors.BudgetUnreachable(ex.StatusCode.ToString()), ex);
        }
    }

    /// <summary>
    /// True when the budget service answered with a refusal, which it gives only having written
    /// nothing (each of its calls is one transaction); false for any failure after which the call
    /// may or may not have taken effect (no answer, a timeout, a cancelled call, an internal error).
    /// </summary>
    public static bool IsRefusal(Exception ex) => ex switch
    {
        NotFoundException or DomainRuleException => true,
        RpcException rpc => rpc.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.Unauthenticated
            or StatusCode.AlreadyExists or StatusCode.Aborted or StatusCode.ResourceExhausted or StatusCode.OutOfRange
            or StatusCode.Unimplemented,
        _ => false,
    };
}
