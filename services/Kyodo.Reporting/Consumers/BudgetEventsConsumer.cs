using Kyodo.Contracts.Budget;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;

namespace Kyodo.Reporting.Consumers;

/// <summary>Budget lines into the read model, keeping each line's newest stage.</summary>
public sealed class BudgetEventsConsumer(ReportingDbContext db) :
    IConsumer<BudgetLineCreated>, IConsumer<BudgetLineRevised>, IConsumer<BudgetLineSettled>, IConsumer<BudgetLineDeleted>
{
    public Task Consume(ConsumeContext<BudgetLineCreated> context) => Apply(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Line);
    public Task Consume(ConsumeContext<BudgetLineRevised> context) => Apply(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Line);
    public Task Consume(ConsumeContext<BudgetLineSettled> context) => Apply(context, context.Message.MunicipalityCode, context.Message.OccurredAt, context.Message.Line);

    public Task Consume(ConsumeContext<BudgetLineDeleted> context) => Inbox.ConsumeOnceAsync(db, context, nameof(BudgetEventsConsumer), ct =>
    {
        var m = context.Message;
        return db.BudgetLines.ApplyAsync(m.BudgetLineId, m.MunicipalityCode, m.Revision, m.OccurredAt,
            () => new BudgetLineRow { BudgetLineId = m.BudgetLineId }, row => row.Deleted = true, ct);
    });

    private Task Apply<T>(ConsumeContext<T> context, string municipality, DateTimeOffset occurredAt, BudgetLineSnapshot line) where T : class =>
        Inbox.ConsumeOnceAsync(db, context, nameof(BudgetEventsConsumer), ct =>
            db.BudgetLines.ApplyAsync(line.BudgetLineId, municipality, line.Revision, occurredAt, () => new BudgetLineRow { BudgetLineId = line.BudgetLineId }, row =>
            {
                row.ItemId = line.ItemId;
                row.ItemTitle = line.ItemTitle;
                row.DepartmentId = line.DepartmentId;
                row.DepartmentName = line.DepartmentName;
                row.FiscalYear = line.FiscalYear;
                row.Stage = line.Stage;
                row.AccountPath = line.AccountPath;
                row.CostYen = line.Funding.CostYen;
                row.NationalPrefecturalYen = line.Funding.NationalPrefecturalYen;
                row.LocalBondYen = line.Funding.LocalBondYen;
                row.OtherYen = line.Funding.OtherYen;
                row.GeneralRevenueYen = line.Funding.GeneralRevenueYen;
            }, ct));
}
