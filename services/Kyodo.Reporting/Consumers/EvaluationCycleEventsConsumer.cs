using System.Text.Json;
using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.ReadModels;
using MassTransit;
using Npgsql;
using NpgsqlTypes;

namespace Kyodo.Reporting.Consumers;

/// <summary>
/// The evaluation cycle's events into their read models (<see cref="EvaluationCycleStatements"/>),
/// each with its inbox claim and its whole copy in evaluation_cycle_events in one round trip
/// (<see cref="OneTripInbox"/>): the copy keeps what no read model holds (ActualsOverdue's list,
/// who adjusted a line when) for reports still to come. The item snapshot IndicatorActualEntryChanged
/// carries is not applied to the item read model: the entry's own row holds the pending actual,
/// and an approval publishes IndicatorActualRecorded, which the item model takes.
/// </summary>
public sealed class EvaluationCycleEventsConsumer(GroupCommit commits) :
    IConsumer<EvaluationChanged>, IConsumer<EvaluationSettingsChanged>, IConsumer<IndicatorActualEntryChanged>,
    IConsumer<ReportingDeadlineChanged>, IConsumer<ActualsOverdue>,
    IConsumer<BudgetLineAdjusted>, IConsumer<StaffUnitCostChanged>, IConsumer<StaffTimeChanged>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task Consume(ConsumeContext<EvaluationChanged> c) =>
        Record(c, c.Message.Evaluation.EvaluationId, c.Message.Evaluation.FiscalYear, c.Message.Evaluation.Revision,
            () => EvaluationCycleStatements.Evaluation(c.Message.MunicipalityCode, c.Message.OccurredAt, c.Message.Evaluation,
                c.Message.Deleted, listed: false));
    public Task Consume(ConsumeContext<EvaluationSettingsChanged> c) =>
        Record(c, null, null, c.Message.Revision,
            () => EvaluationCycleStatements.Settings(c.Message.MunicipalityCode, c.Message.OccurredAt, c.Message.RatingScale,
                c.Message.Directions, c.Message.Revision));
    public Task Consume(ConsumeContext<IndicatorActualEntryChanged> c) =>
        Record(c, c.Message.IndicatorId, c.Message.FiscalYear, c.Message.Revision,
            () => EvaluationCycleStatements.ActualEntry(c.Message.MunicipalityCode, c.Message.OccurredAt, c.Message.ItemId,
                c.Message.IndicatorId, c.Message.FiscalYear,
                c.Message.Value, c.Message.Status, c.Message.By, c.Message.Comment, c.Message.Revision));
    public Task Consume(ConsumeContext<ReportingDeadlineChanged> c) =>
        Record(c, c.Message.PlanId, c.Message.FiscalYear, c.Message.Revision,
            () => EvaluationCycleStatements.Deadline(c.Message.MunicipalityCode, c.Message.OccurredAt, c.Message.PlanId,
                c.Message.FiscalYear, c.Message.DueDate, c.Message.Revision));
    public Task Consume(ConsumeContext<ActualsOverdue> c) => Record(c, c.Message.PlanId, c.Message.FiscalYear, null);
    public Task Consume(ConsumeContext<BudgetLineAdjusted> c) =>
        Record(c, c.Message.BudgetLineId, c.Message.FiscalYear, c.Message.Revision, () => EvaluationCycleStatements.Adjustment(c.Message));
    public Task Consume(ConsumeContext<StaffUnitCostChanged> c) =>
        Record(c, null, c.Message.FiscalYear, c.Message.Revision,
            () => EvaluationCycleStatements.StaffUnitCost(c.Message.MunicipalityCode, c.Message.OccurredAt, c.Message.FiscalYear,
                c.Message.YenPerPersonYear, c.Message.Revision));
    public Task Consume(ConsumeContext<StaffTimeChanged> c) =>
        Record(c, c.Message.ItemId, c.Message.FiscalYear, c.Message.Revision,
            () => EvaluationCycleStatements.StaffTime(c.Message.MunicipalityCode, c.Message.OccurredAt, c.Message.ItemId,
                c.Message.FiscalYear, c.Message.PersonYears, c.Message.Revision));

    private Task Record<T>(ConsumeContext<T> context, Guid? subject, int? fiscalYear, int? revision, Func<NpgsqlBatchCommand>? apply = null)
        where T : class, IIntegrationEvent
    {
        var message = context.Message;
        return OneTripInbox.ConsumeAsync(commits, context, nameof(EvaluationCycleEventsConsumer),
            () => apply is null ? [Copy(message, subject, fiscalYear, revision)] : [Copy(message, subject, fiscalYear, revision), apply()]);
    }

    private static NpgsqlBatchCommand Copy<T>(T message, Guid? subject, int? fiscalYear, int? revision) where T : class, IIntegrationEvent
    {
        var copy = new NpgsqlBatchCommand("""
            INSERT INTO evaluation_cycle_events (event_id, municipality_code, event_type, subject_id, fiscal_year, revision, occurred_at,
                payload)
            VALUES (@id, @m, @type, @subject, @year, @revision, @at, @payload) ON CONFLICT (event_id) DO NOTHING
            """);
        copy.Parameters.AddRange(new NpgsqlParameter[]
        {
            new("id", NpgsqlDbType.Uuid) { Value = message.EventId }, new("m", NpgsqlDbType.Char) { Value = message.MunicipalityCode },
            new("type", NpgsqlDbType.Varchar) { Value = typeof(T).Name },
            new("subject", NpgsqlDbType.Uuid) { Value = subject is { } s ? s : DBNull.Value },
            new("year", NpgsqlDbType.Integer) { Value = fiscalYear is { } y ? y : DBNull.Value },
            new("revision", NpgsqlDbType.Integer) { Value = revision is { } r ? r : DBNull.Value },
            new("at", NpgsqlDbType.TimestampTz) { Value = message.OccurredAt.ToUniversalTime() },
            new("payload", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(message, Json) },
        });
        return copy;
    }
}
