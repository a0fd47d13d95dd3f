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
        var line = message.Line;
        if (await Db.BudgetLines.FindAsync([line.BudgetLineId], cancellationToken) is not null) return;
        Db.BudgetLines.Add(new BudgetLineRow
        {
            BudgetLineId = line.BudgetLineId,
            MunicipalityCode = message.MunicipalityCode,
            ItemId = line.ItemId.ToString(),
            FiscalYear = line.FiscalYear,
            CostYen = line.Funding.CostYen,
            NationalPrefecturalYen = line.Funding.NationalPrefecturalYen,
            LocalBondYen = line.Funding.LocalBondYen,
            OtherYen = line.Funding.OtherYen,
            GeneralRevenueYen = line.Funding.GeneralRevenueYen,
            AsOf = message.OccurredAt.ToUniversalTime(), // timestamptz stores UTC only
        });
    }
}
