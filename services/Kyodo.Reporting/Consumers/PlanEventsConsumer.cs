using System.Text.Json;
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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task Consume(ConsumeContext<PlanCreated> context) => Once(context, ct =>
        ApplyPlan(context.Message.MunicipalityCode, context.Message.PlanId, context.Message.Revision, context.Message.OccurredAt,
            context.Message.Name, context.Message.StartFiscalYear, context.Message.EndFiscalYear, deleted: false, ct));

    public Task Consume(ConsumeContext<PlanUpdated> context) => Once(context, ct =>
        ApplyPlan(context.Message.MunicipalityCode, context.Message.PlanId, context.Message.Revision, context.Message.OccurredAt,
            context.Message.Name, context.Message.StartFiscalYear, context.Message.EndFiscalYear, deleted: false, ct));

    public Task Consume(ConsumeContext<PlanDeleted> context) => Once(context, ct =>
        db.Plans.ApplyAsync(context.Message.PlanId, context.Message.MunicipalityCode, context.Message.Revision, context.Message.OccurredAt,
            () => new PlanRow { PlanId = context.Message.PlanId }, row => row.Deleted = true, ct));

    public Task Consume(ConsumeContext<PlanNodeChanged> context) => Once(context, ct =>
    {
        var m = context.Message;
        return db.Nodes.ApplyAsync(m.NodeId, m.MunicipalityCode, m.Revision, m.OccurredAt, () => new NodeRow { NodeId = m.NodeId }, row =>
        {
            (row.PlanId, row.ParentId, row.LevelName, row.Code, row.Title, row.Position, row.Deleted) =
                (m.PlanId, m.ParentId, m.LevelName, m.Code, m.Title, m.Position, m.Deleted);
        }, ct);
    });

    public Task Consume(ConsumeContext<DepartmentChanged> context) => Once(context, ct =>
    {
        var m = context.Message;
        return db.Departments.ApplyAsync(m.DepartmentId, m.MunicipalityCode, m.Revision, m.OccurredAt, () => new DepartmentRow { DepartmentId = m.DepartmentId },
            row => (row.Name, row.Deleted) = (m.Name, m.Deleted), ct);
    });

    public Task Consume(ConsumeContext<PriorityGoalChanged> context) => Once(context, ct =>
    {
        var m = context.Message;
        return db.PriorityGoals.ApplyAsync(m.GoalId, m.MunicipalityCode, m.Revision, m.OccurredAt, () => new PriorityGoalRow { GoalId = m.GoalId }, row =>
        {
            (row.DepartmentId, row.DepartmentName, row.FiscalYear, row.Position, row.Title, row.Deleted) =
                (m.DepartmentId, m.DepartmentName, m.FiscalYear, m.Position, m.Title, m.Deleted);
            row.ItemsJson = JsonSerializer.Serialize(m.Items, Json);
        }, ct);
    });

    private Task ApplyPlan(string municipality, Guid planId, int revision, DateTimeOffset at, string name, int start, int end, bool deleted, CancellationToken ct) =>
        db.Plans.ApplyAsync(planId, municipality, revision, at, () => new PlanRow { PlanId = planId },
            row => (row.Name, row.StartFiscalYear, row.EndFiscalYear, row.Deleted) = (name, start, end, deleted), ct);

    private Task Once<T>(ConsumeContext<T> context, Func<CancellationToken, Task> apply) where T : class =>
        Inbox.ConsumeOnceAsync(db, context, nameof(PlanEventsConsumer), apply);
}
