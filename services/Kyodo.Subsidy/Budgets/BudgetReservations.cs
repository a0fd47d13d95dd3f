using Google.Rpc;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.Extensions.Options;

namespace Kyodo.Subsidy.Budgets;

/// <summary>The money side of awards: reservations in the budget service (the subsidy service's one synchronous dependency).</summary>
public interface IBudgetReservations
{
    /// <summary>
    /// The municipality, fiscal year and CURRENT department (its item's lead now, asked through the
    /// budget service from plan) of a budget line the caller may see, or NOT_FOUND. The department
    /// the budget service has stamped on the line follows the item only at the line's next write.
    /// </summary>
    Task<BudgetLineOwner> LineAsync(Guid lineId, CancellationToken ct);

    /// <summary>Reserves money; the budget's refusal becomes FAILED_PRECONDITION with its reason (BUDGET_EXHAUSTED …).</summary>
    Task<Guid> ReserveAsync(string idempotencyKey, Guid lineId, long amountYen, string purpose, CancellationToken ct);

    Task CommitAsync(string idempotencyKey, Guid reservationId, long amountYen, CancellationToken ct);

    Task ReleaseAsync(string idempotencyKey, Guid reservationId, CancellationToken ct);
}

/// <summary>Whose a budget line is: its municipality and its item's current lead department (null when none or the item is gone).</summary>
public sealed record BudgetLineOwner(string MunicipalityCode, Guid? DepartmentId, int FiscalYear);

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
    public Task<BudgetLineOwner> LineAsync(Guid lineId, CancellationToken ct) =>
        Call(async () =>
        {
            var line = (await client.GetBudgetLineAsync(new GetBudgetLineRequest { Id = lineId.ToString(), CurrentLead = true }, cancellationToken: ct)).Line;
            return new BudgetLineOwner(line.MunicipalityCode, Guid.TryParse(line.Department?.Id, out var department) ? department : null, line.FiscalYear);
        }, ("budget line", lineId));

    public Task<Guid> ReserveAsync(string idempotencyKey, Guid lineId, long amountYen, string purpose, CancellationToken ct) =>
        Call(async () => Guid.Parse((await client.ReserveAsync(new ReserveRequest
        {
            IdempotencyKey = idempotencyKey, BudgetLineId = lineId.ToString(), AmountYen = amountYen, Purpose = purpose,
        }, cancellationToken: ct)).Reservation.Id), ("budget line", lineId));

    public Task CommitAsync(string idempotencyKey, Guid reservationId, long amountYen, CancellationToken ct) =>
        Call(async () => await client.CommitAsync(new CommitRequest
        {
            IdempotencyKey = idempotencyKey, ReservationId = reservationId.ToString(), AmountYen = amountYen,
        }, cancellationToken: ct), ("reservation", reservationId));

    public Task ReleaseAsync(string idempotencyKey, Guid reservationId, CancellationToken ct) =>
        Call(async () => await client.ReleaseAsync(new ReleaseRequest
        {
            IdempotencyKey = idempotencyKey, ReservationId = reservationId.ToString(),
        }, cancellationToken: ct), ("reservation", reservationId));

    /// <summary>Translates the budget service's answers into this service's errors.</summary>
    /// <param name="what">Resource and id for NOT_FOUND, e.g. ("budget line", id).</param>
    private static async Task<T> Call<T>(Func<Task<T>> call, (string Resource, Guid Id) what)
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
            throw new DomainRuleException(info?.Reason ?? "BUDGET_REFUSED", $"The budget service refused: {ex.Status.Detail}",
                info?.Metadata.ToDictionary(m => m.Key, m => m.Value));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
        {
            throw new DependencyUnavailableException($"The budget service could not be reached ({ex.StatusCode}); nothing was changed. Retry later.", ex);
        }
    }
}
