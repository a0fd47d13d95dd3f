using Kyodo.Contracts.Plan;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;

namespace Kyodo.Reporting.Consumers;

/// <summary>Adds a plan to the read model; a plan already there (a replay) is left as it is.</summary>
public sealed class PlanCreatedConsumer(ReportingDbContext db) : IdempotentConsumer<PlanCreated, ReportingDbContext>(db)
{
    protected override async Task HandleAsync(PlanCreated message, CancellationToken cancellationToken)
    {
        if (await Db.Plans.FindAsync([message.PlanId], cancellationToken) is not null) return;
        Db.Plans.Add(new PlanRow
        {
            PlanId = message.PlanId,
            MunicipalityCode = message.MunicipalityCode,
            Name = message.Name,
            StartFiscalYear = message.StartFiscalYear,
            EndFiscalYear = message.EndFiscalYear,
            AsOf = message.OccurredAt.ToUniversalTime(), // timestamptz stores UTC only
        });
    }
}
