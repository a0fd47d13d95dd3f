using System.Text.Json;
using Kyodo.Contracts.Subsidy;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;

namespace Kyodo.Reporting.Consumers;

/// <summary>Subsidy programs and applications into the read models.</summary>
public sealed class SubsidyEventsConsumer(ReportingDbContext db) :
    IConsumer<SubsidyProgramCreated>, IConsumer<SubsidyProgramChanged>, IConsumer<ApplicationStatusChanged>
{
    public Task Consume(ConsumeContext<SubsidyProgramCreated> context) => Once(context, ct =>
    {
        var m = context.Message;
        // Revision 0: the SubsidyProgramChanged that accompanies every creation carries the full state.
        return db.SubsidyPrograms.ApplyAsync(m.ProgramId, m.MunicipalityCode, 0, m.OccurredAt, () => new SubsidyProgramRow { ProgramId = m.ProgramId, Name = m.Name },
            _ => { }, ct);
    });

    public Task Consume(ConsumeContext<SubsidyProgramChanged> context) => Once(context, ct =>
    {
        var m = context.Message;
        return db.SubsidyPrograms.ApplyAsync(m.ProgramId, m.MunicipalityCode, m.Revision, m.OccurredAt, () => new SubsidyProgramRow { ProgramId = m.ProgramId }, row =>
        {
            (row.Name, row.Deleted) = (m.Name, m.Deleted);
            row.SnapshotJson = JsonSerializer.Serialize(m, ItemEventsConsumer.Json);
        }, ct);
    });

    public Task Consume(ConsumeContext<ApplicationStatusChanged> context) => Once(context, ct =>
    {
        var m = context.Message;
        return db.Applications.ApplyAsync(m.ApplicationId, m.MunicipalityCode, m.Revision, m.OccurredAt, () => new ApplicationRow { ApplicationId = m.ApplicationId }, row =>
        {
            (row.ProgramId, row.ProgramName, row.CourseId, row.CourseName, row.FiscalYear, row.Status) =
                (m.ProgramId, m.ProgramName, m.CourseId, m.CourseName, m.FiscalYear, m.To);
            (row.RequestedYen, row.AwardedYen, row.SettledYen) = (m.RequestedYen, m.AwardedYen, m.SettledYen);
        }, ct);
    });

    private Task Once<T>(ConsumeContext<T> context, Func<CancellationToken, Task> apply) where T : class =>
        Inbox.ConsumeOnceAsync(db, context, nameof(SubsidyEventsConsumer), apply);
}
