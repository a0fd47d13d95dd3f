using Kyodo.Contracts.Plan;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;

namespace Kyodo.Reporting.Consumers;

/// <summary>Plans, their nodes, departments and priority goals into the read models.</summary>
public sealed class PlanEventsConsumer(ReportingDbContext db) :
    IConsumer<PlanCreated>, IConsumer<PlanUpdated>, IConsumer<PlanDeleted>, IConsumer<PlanNodeChanged>,
    IConsumer<DepartmentChanged>, IConsumer<PriorityGoalChanged>
{
    private readonly ReadModelWriter _write = new(db);

    public Task Consume(ConsumeContext<PlanCreated> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    public Task Consume(ConsumeContext<PlanUpdated> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    public Task Consume(ConsumeContext<PlanDeleted> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    public Task Consume(ConsumeContext<PlanNodeChanged> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    public Task Consume(ConsumeContext<DepartmentChanged> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    public Task Consume(ConsumeContext<PriorityGoalChanged> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));

    private Task Once<T>(ConsumeContext<T> context, Func<CancellationToken, Task> apply) where T : class =>
        Inbox.ConsumeOnceAsync(db, context, nameof(PlanEventsConsumer), apply);
}
