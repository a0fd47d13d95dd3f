using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.Budgets;
using Kyodo.Subsidy.Data;
using MassTransit;

namespace Kyodo.Subsidy.Consumers;

/// <summary>
/// The subsidy service's record of the budget service's lines (<see cref="BudgetLineFact"/>): which
/// item and year a line is of, and whether it is gone. A line's municipality, item and year never
/// change, so its creation and its deletion are all this needs (its revisions in between only carry
/// numbers between the two, which the highest-revision rule may skip).
/// </summary>
public sealed class BudgetLinesConsumer(SubsidyDbContext db) : IConsumer<BudgetLineCreated>, IConsumer<BudgetLineDeleted>
{
    public Task Consume(ConsumeContext<BudgetLineCreated> context) => Inbox.ConsumeOnceAsync(db, context, nameof(BudgetLinesConsumer), ct =>
    {
        var (municipality, line) = (context.Message.MunicipalityCode, context.Message.Line);
        return db.RecordLineAsync(municipality, line.BudgetLineId, line.ItemId, line.FiscalYear, line.Revision, ct);
    });

    public Task Consume(ConsumeContext<BudgetLineDeleted> context) => Inbox.ConsumeOnceAsync(db, context, nameof(BudgetLinesConsumer), ct =>
        db.RecordLineDeletedAsync(context.Message.MunicipalityCode, context.Message.BudgetLineId, context.Message.Revision, ct));
}
