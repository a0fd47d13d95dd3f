using System.Text.Json;
using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;

namespace Kyodo.Reporting.Consumers;

/// <summary>
/// The evaluation cycle's events, recorded whole and once each (the inbox) in evaluation_cycle_events:
/// what the reports of evaluations, full cost and reviewed actuals will be built from. No report
/// reads them yet. The item snapshot IndicatorActualEntryChanged carries is not applied to the item
/// read model: it differs from the item's last other event only in pending actuals, which no
/// report reads yet, and an approval publishes IndicatorActualRecorded, which the item model takes.
/// </summary>
public sealed class EvaluationCycleEventsConsumer(ReportingDbContext db) :
    IConsumer<EvaluationChanged>, IConsumer<EvaluationSettingsChanged>, IConsumer<IndicatorActualEntryChanged>,
    IConsumer<ReportingDeadlineChanged>, IConsumer<ActualsOverdue>,
    IConsumer<BudgetLineAdjusted>, IConsumer<StaffUnitCostChanged>, IConsumer<StaffTimeChanged>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task Consume(ConsumeContext<EvaluationChanged> c) =>
        Record(c, c.Message.Evaluation.EvaluationId, c.Message.Evaluation.FiscalYear, c.Message.Evaluation.Revision);
    public Task Consume(ConsumeContext<EvaluationSettingsChanged> c) => Record(c, null, null, c.Message.Revision);
    public Task Consume(ConsumeContext<IndicatorActualEntryChanged> c) => Record(c, c.Message.IndicatorId, c.Message.FiscalYear, c.Message.Revision);
    public Task Consume(ConsumeContext<ReportingDeadlineChanged> c) => Record(c, c.Message.PlanId, c.Message.FiscalYear, c.Message.Revision);
    public Task Consume(ConsumeContext<ActualsOverdue> c) => Record(c, c.Message.PlanId, c.Message.FiscalYear, null);
    public Task Consume(ConsumeContext<BudgetLineAdjusted> c) => Record(c, c.Message.BudgetLineId, c.Message.FiscalYear, c.Message.Revision);
    public Task Consume(ConsumeContext<StaffUnitCostChanged> c) => Record(c, null, c.Message.FiscalYear, c.Message.Revision);
    public Task Consume(ConsumeContext<StaffTimeChanged> c) => Record(c, c.Message.ItemId, c.Message.FiscalYear, c.Message.Revision);

    private Task Record<T>(ConsumeContext<T> context, Guid? subject, int? fiscalYear, int? revision) where T : class, IIntegrationEvent =>
        Inbox.ConsumeOnceAsync(db, context, nameof(EvaluationCycleEventsConsumer), _ =>
        {
            var message = context.Message;
            db.Set<EvaluationCycleEventRow>().Add(new EvaluationCycleEventRow
            {
                EventId = message.EventId,
                MunicipalityCode = message.MunicipalityCode,
                EventType = typeof(T).Name,
                SubjectId = subject,
                FiscalYear = fiscalYear,
                Revision = revision,
                OccurredAt = message.OccurredAt.ToUniversalTime(),
                Payload = JsonSerializer.Serialize(message, Json),
            });
            return Task.CompletedTask;
        });
}
