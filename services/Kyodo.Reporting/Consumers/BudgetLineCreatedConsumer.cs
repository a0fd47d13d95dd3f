using Kyodo.Contracts.Budget;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;

namespace Kyodo.Reporting.Consumers;

/// <summary>Adds a budget line to the read model; a line already there (a replay) is left as it is.</summary>
public sealed class BudgetLineCreatedConsumer(ReportingDbContext db) : IdempotentConsumer<BudgetLineCreated, ReportingDbContext>(db)
{
    protected override async Task HandleAsync(BudgetLineCreated message, CancellationToken cancellationToken)
    {
        if (await Db.BudgetLines.FindAsync([message.BudgetLineId], cancellationToken) is not null) return;
        Db.BudgetLines.Add(new BudgetLineRow
        {
            BudgetLineId = message.BudgetLineId,
            MunicipalityCode = message.MunicipalityCode,
            ItemId = message.ItemId,
            FiscalYear = message.FiscalYear,
            CostYen = message.CostYen,
            NationalPrefecturalYen = message.NationalPrefecturalYen,
            LocalBondYen = message.LocalBondYen,
            OtherYen = message.OtherYen,
            GeneralRevenueYen = message.GeneralRevenueYen,
            AsOf = message.OccurredAt.ToUniversalTime(), // timestamptz stores UTC only
        });
    }
}
