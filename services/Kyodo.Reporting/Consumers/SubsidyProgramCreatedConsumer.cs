using Kyodo.Contracts.Subsidy;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;

namespace Kyodo.Reporting.Consumers;

/// <summary>Adds a subsidy program to the read model; a program already there (a replay) is left as it is.</summary>
public sealed class SubsidyProgramCreatedConsumer(ReportingDbContext db)
    : IdempotentConsumer<SubsidyProgramCreated, ReportingDbContext>(db)
{
    protected override async Task HandleAsync(SubsidyProgramCreated message, CancellationToken cancellationToken)
    {
        if (await Db.SubsidyPrograms.FindAsync([message.ProgramId], cancellationToken) is not null) return;
        Db.SubsidyPrograms.Add(new SubsidyProgramRow
        {
            ProgramId = message.ProgramId,
            MunicipalityCode = message.MunicipalityCode,
            Name = message.Name,
            AsOf = message.OccurredAt.ToUniversalTime(), // timestamptz stores UTC only
        });
    }
}
