using Kyodo.Contracts.Plan;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Projections;

/// <summary>
/// Keeps a service's <see cref="PlanItemFact"/> rows from the plan service's events, each at most
/// once (the inbox) and in any order (the highest revision wins). Only the events that can change
/// what a fact holds: an item's creation and change (departments, title), its deletion and its
/// plan's. Schedule and indicator events also carry a revision, but skipping them only skips
/// numbers, which the highest-revision rule allows. A service derives its own consumer (one
/// queue per service) and registers it.
/// </summary>
public abstract class PlanItemFactsConsumer<TContext>(TContext db) :
    IConsumer<ItemCreated>, IConsumer<ItemUpdated>, IConsumer<ItemDeleted>, IConsumer<PlanDeleted>
    where TContext : DbContext
{
    public Task Consume(ConsumeContext<ItemCreated> context) =>
        Once(context, ct => db.RecordPlanItemAsync(StateOf(context.Message.MunicipalityCode, context.Message.Item), ct));

    public Task Consume(ConsumeContext<ItemUpdated> context) =>
        Once(context, ct => db.RecordPlanItemAsync(StateOf(context.Message.MunicipalityCode, context.Message.Item), ct));

    public Task Consume(ConsumeContext<ItemDeleted> context) => Once(context, ct =>
        db.RecordPlanItemDeletedAsync(context.Message.MunicipalityCode, context.Message.ItemId, context.Message.PlanId,
            context.Message.Revision, ct));

    public Task Consume(ConsumeContext<PlanDeleted> context) => Once(context, ct =>
        db.RecordPlanDeletedAsync(context.Message.MunicipalityCode, context.Message.PlanId, ct));

    /// <summary>An item snapshot as a fact: the lead is the first department in charge.</summary>
    public static PlanItemState StateOf(string municipalityCode, ItemSnapshot item)
    {
        var lead = item.Departments.FirstOrDefault();
        return new PlanItemState(item.ItemId, municipalityCode, item.PlanId, item.Title, lead?.DepartmentId, lead?.Name ?? "",
            item.Revision);
    }

    private Task Once<T>(ConsumeContext<T> context, Func<CancellationToken, Task> apply) where T : class =>
        Inbox.ConsumeOnceAsync(db, context, GetType().Name, apply);
}
