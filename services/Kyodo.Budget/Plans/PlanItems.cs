using Grpc.Core;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.Extensions.Options;

namespace Kyodo.Budget.Plans;

/// <summary>What the budget service keeps of a plan item: enough to list and total its lines.</summary>
public sealed record PlanItemInfo(Guid ItemId, string MunicipalityCode, string Title, Guid? LeadDepartmentId, string LeadDepartmentName);

/// <summary>Asks the plan service about items (the one synchronous dependency of the budget service).</summary>
public interface IPlanItems
{
    /// <summary>The item, or NOT_FOUND; UNAVAILABLE when the plan service cannot answer in time.</summary>
    Task<PlanItemInfo> GetAsync(Guid itemId, string municipalityCode, CancellationToken ct);
}

public sealed class PlanServiceOptions
{
    /// <summary>
    /// How long to wait for the plan service before answering UNAVAILABLE (PlanService:Timeout);
    /// the caller's own deadline, when earlier, wins.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class GrpcPlanItems(PlanService.PlanServiceClient client) : IPlanItems
{
    public async Task<PlanItemInfo> GetAsync(Guid itemId, string municipalityCode, CancellationToken ct)
    {
        Item item;
        try
        {
            // Asked with the caller's token and deadline (ForwardCaller): the plan service applies
            // the caller's own rights, so an item it may not see is NOT_FOUND here too.
            item = (await client.GetItemAsync(new GetItemRequest { Id = itemId.ToString() }, cancellationToken: ct)).Item;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw new NotFoundException("item", itemId.ToString());
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
        {
            throw new DependencyUnavailableException($"The plan service could not be asked whether item {itemId} exists ({ex.StatusCode}); nothing was written. Retry later.", ex);
        }

        // An item of another municipality answers exactly like a missing one.
        if (item.MunicipalityCode != municipalityCode) throw new NotFoundException("item", itemId.ToString());
        var lead = item.Departments.FirstOrDefault();
        return new PlanItemInfo(itemId, item.MunicipalityCode, item.Fields.Title,
            lead is null ? null : Guid.Parse(lead.Id), lead?.Name ?? "");
    }
}
