using Grpc.Core;
using Kyodo.Budget.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Projections;

namespace Kyodo.Budget.Plans;

/// <summary>What the budget service knows of a plan item: enough to own, list and total its lines.</summary>
/// <param name="Deleted">The item (or its plan) was deleted: its lines belong to no department.</param>
public sealed record PlanItemInfo(Guid ItemId, string MunicipalityCode, Guid PlanId, string Title, Guid? LeadDepartmentId,
    string LeadDepartmentName, int Revision, bool Deleted);

/// <summary>
/// The plan items the budget service knows, from its own database (<see cref="PlanItemFact"/>, fed
/// by the plan service's events). An item not seen yet (created a moment ago, or before this
/// service kept facts) is asked of the plan service once and recorded. Call outside a database
/// transaction: asking is a network call.
/// </summary>
public interface IPlanItems
{
    /// <summary>The item as known (deleted ones too); null when the plan service knows no such item of
    /// <paramref name="municipalityCode"/>.</summary>
    Task<PlanItemInfo?> FindAsync(Guid itemId, string municipalityCode, CancellationToken ct);
}

public static class PlanItemsExtensions
{
    /// <summary>The living item, or NOT_FOUND (missing, deleted, or another municipality's: all answer alike).</summary>
    public static async Task<PlanItemInfo> GetAsync(this IPlanItems items, Guid itemId, string municipalityCode, CancellationToken ct) =>
        await items.FindAsync(itemId, municipalityCode, ct) is { Deleted: false } item ? item
            : throw new NotFoundException("item", itemId.ToString());
}

public sealed class PlanServiceOptions
{
    /// <summary>
    /// How long to wait for the plan service before answering UNAVAILABLE (PlanService:Timeout);
    /// the caller's own deadline, when earlier, wins.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class ProjectedPlanItems(BudgetDbContext db, PlanService.PlanServiceClient client) : IPlanItems
{
    public async Task<PlanItemInfo?> FindAsync(Guid itemId, string municipalityCode, CancellationToken ct)
    {
        if (await db.FindPlanItemAsync(itemId, ct) is { } known)
            return known.MunicipalityCode == municipalityCode ? Info(known) : null; // another municipality's: as a missing one
        if (await AskAsync(itemId, ct) is not { } asked) return null;
        await db.RecordPlanItemAsync(asked, ct);
        // What is recorded now: the answer, or a newer state (an event, its plan's deletion) that won meanwhile.
        return await db.FindPlanItemAsync(itemId, ct) is { } recorded && recorded.MunicipalityCode == municipalityCode ? Info(recorded)
            : null;
    }

    /// <summary>The plan service's answer about an item this service has not seen; null when it knows none.</summary>
    private async Task<PlanItemState?> AskAsync(Guid itemId, CancellationToken ct)
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
            return null;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal
            or StatusCode.Unknown)
        {
            throw new DependencyUnavailableException(BudgetErrors.PlanUnreachable(itemId, ex.StatusCode.ToString()), ex);
        }
        var lead = item.Departments.FirstOrDefault();
        return new PlanItemState(itemId, item.MunicipalityCode, Guid.Parse(item.PlanId), item.Fields.Title,
            lead is null ? null : Guid.Parse(lead.Id), lead?.Name ?? "", item.Revision);
    }

    private static PlanItemInfo Info(PlanItemFact f) =>
        new(f.ItemId, f.MunicipalityCode, f.PlanId, f.Title, f.LeadDepartmentId, f.LeadDepartmentName, f.Revision, f.Deleted);
}
