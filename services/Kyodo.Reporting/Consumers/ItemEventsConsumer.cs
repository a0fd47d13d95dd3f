using System.Text.Json;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;

namespace Kyodo.Reporting.Consumers;

/// <summary>Items into the read model: every item event carries the whole item, so each one simply replaces an older state.</summary>
public sealed class ItemEventsConsumer(ReportingDbContext db) :
    IConsumer<ItemCreated>, IConsumer<ItemUpdated>, IConsumer<ItemDeleted>, IConsumer<ItemScheduleChanged>,
    IConsumer<IndicatorActualRecorded>, IConsumer<IndicatorTargetRevised>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task Consume(ConsumeContext<ItemCreated> context) => Apply(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Item);
    public Task Consume(ConsumeContext<ItemUpdated> context) => Apply(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Item);
    public Task Consume(ConsumeContext<ItemScheduleChanged> context) => Apply(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Item);
    public Task Consume(ConsumeContext<IndicatorActualRecorded> context) => Apply(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Item);
    public Task Consume(ConsumeContext<IndicatorTargetRevised> context) => Apply(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Item);

    public Task Consume(ConsumeContext<ItemDeleted> context) => Inbox.ConsumeOnceAsync(db, context, nameof(ItemEventsConsumer), ct =>
    {
        var m = context.Message;
        return db.Items.ApplyAsync(m.ItemId, m.MunicipalityCode, m.Revision, m.OccurredAt, () => new ItemRow { ItemId = m.ItemId, PlanId = m.PlanId },
            row => row.Deleted = true, ct);
    });

    private Task Apply<T>(ConsumeContext<T> context, string municipality, DateTimeOffset occurredAt, ItemSnapshot item) where T : class =>
        Inbox.ConsumeOnceAsync(db, context, nameof(ItemEventsConsumer), ct =>
            db.Items.ApplyAsync(item.ItemId, municipality, item.Revision, occurredAt, () => new ItemRow { ItemId = item.ItemId }, row =>
            {
                row.PlanId = item.PlanId;
                row.Title = item.Title;
                row.LeadDepartmentId = item.Departments.FirstOrDefault()?.DepartmentId;
                row.SnapshotJson = JsonSerializer.Serialize(item, Json);
                row.Deleted = false;
            }, ct));
}
