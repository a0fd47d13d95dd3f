using Kyodo.Contracts.Plan;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;

namespace Kyodo.Reporting.Consumers;

/// <summary>Items into the read model: every item event carries the whole item, so each one simply replaces an older state.</summary>
public sealed class ItemEventsConsumer(ReportingDbContext db, GroupCommit commits) :
    IConsumer<ItemCreated>, IConsumer<ItemUpdated>, IConsumer<ItemDeleted>, IConsumer<ItemScheduleChanged>,
    IConsumer<IndicatorActualRecorded>, IConsumer<IndicatorTargetRevised>
{
    private readonly ReadModelWriter _write = new(db);

    public Task Consume(ConsumeContext<ItemCreated> context) =>
        Item(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Item);
    public Task Consume(ConsumeContext<ItemUpdated> context) =>
        Item(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Item);
    public Task Consume(ConsumeContext<ItemScheduleChanged> context) =>
        Item(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Item);
    public Task Consume(ConsumeContext<IndicatorActualRecorded> context) =>
        Item(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Item);
    public Task Consume(ConsumeContext<IndicatorTargetRevised> context) =>
        Item(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Item);

    public Task Consume(ConsumeContext<ItemDeleted> context) =>
        Inbox.ConsumeOnceAsync(db, context, nameof(ItemEventsConsumer), ct => _write.ApplyAsync(context.Message, ct));

    /// <summary>The item's whole state and its inbox claim in one round trip, with other messages' (GroupCommit, which writes
    /// the items of its batch together: ItemStatements).</summary>
    private Task Item<T>(ConsumeContext<T> context, string municipality, DateTimeOffset occurredAt, ItemSnapshot item) where T : class =>
        OneTripInbox.ConsumeAsync(commits, context, nameof(ItemEventsConsumer), new ItemWrite(municipality, occurredAt, item));
}
