using Kyodo.Contracts.Subsidy;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;

namespace Kyodo.Reporting.Consumers;

/// <summary>Subsidy programs and applications into the read models.</summary>
public sealed class SubsidyEventsConsumer(ReportingDbContext db, GroupCommit commits) :
    IConsumer<SubsidyProgramCreated>, IConsumer<SubsidyProgramChanged>, IConsumer<ApplicationStatusChanged>
{
    private readonly ReadModelWriter _write = new(db);

    public Task Consume(ConsumeContext<SubsidyProgramCreated> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    public Task Consume(ConsumeContext<SubsidyProgramChanged> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    /// <summary>The application's step and its inbox claim in one round trip (RecordStatements), with other messages' (GroupCommit).</summary>
    public Task Consume(ConsumeContext<ApplicationStatusChanged> context) =>
        OneTripInbox.ConsumeAsync(commits, context, nameof(SubsidyEventsConsumer), () => [RecordStatements.Application(context.Message, listed: false)]);

    private Task Once<T>(ConsumeContext<T> context, Func<CancellationToken, Task> apply) where T : class =>
        Inbox.ConsumeOnceAsync(db, context, nameof(SubsidyEventsConsumer), apply);
}
