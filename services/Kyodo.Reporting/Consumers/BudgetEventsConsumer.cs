using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;

namespace Kyodo.Reporting.Consumers;

/// <summary>Budget lines into the read model, keeping each line's newest stage, and the reservations subsidies hold against them.</summary>
public sealed class BudgetEventsConsumer(ReportingDbContext db, GroupCommit commits) :
    IConsumer<BudgetLineCreated>, IConsumer<BudgetLineRevised>, IConsumer<BudgetLineSettled>, IConsumer<BudgetLineDeleted>,
    IConsumer<FundsReserved>, IConsumer<FundsCommitted>, IConsumer<FundsReleased>
{
    private readonly ReadModelWriter _write = new(db);

    public Task Consume(ConsumeContext<BudgetLineCreated> context) =>
        Line(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Line);
    public Task Consume(ConsumeContext<BudgetLineRevised> context) =>
        Line(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Line);
    public Task Consume(ConsumeContext<BudgetLineSettled> context) =>
        Line(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Line);
    public Task Consume(ConsumeContext<BudgetLineDeleted> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    public Task Consume(ConsumeContext<FundsReserved> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    public Task Consume(ConsumeContext<FundsCommitted> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    public Task Consume(ConsumeContext<FundsReleased> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));

    /// <summary>The line's whole state and its inbox claim in one round trip (RecordStatements), with other messages' and the
    /// batch's other lines in the same statement (GroupCommit).</summary>
    private Task Line<T>(ConsumeContext<T> context, string municipality, DateTimeOffset occurredAt,
        BudgetLineSnapshot line) where T : class, IIntegrationEvent =>
        OneTripInbox.ConsumeAsync(commits, context, nameof(BudgetEventsConsumer),
            RecordStatements.BudgetLine(municipality, occurredAt, line));

    private Task Once<T>(ConsumeContext<T> context, Func<CancellationToken, Task> apply) where T : class =>
        Inbox.ConsumeOnceAsync(db, context, nameof(BudgetEventsConsumer), apply);
}
