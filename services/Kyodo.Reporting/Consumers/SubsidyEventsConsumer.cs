using Kyodo.Contracts;
using Kyodo.Contracts.Subsidy;
using Kyodo.Reporting.ReadModels;
using MassTransit;

namespace Kyodo.Reporting.Consumers;

/// <summary>
/// Subsidy programs and applications into the read models, each event's statements
/// (<see cref="RecordStatements"/>) and its inbox claim in one round trip, with other messages' (<see cref="GroupCommit"/>).
/// </summary>
public sealed class SubsidyEventsConsumer(GroupCommit commits) :
    IConsumer<SubsidyProgramCreated>, IConsumer<SubsidyProgramChanged>, IConsumer<ApplicationStatusChanged>
{
    public Task Consume(ConsumeContext<SubsidyProgramCreated> context) =>
        Once(context, () => [RecordStatements.ProgramCreated(context.Message, listed: false)]);
    public Task Consume(ConsumeContext<SubsidyProgramChanged> context) =>
        Once(context, () => RecordStatements.ProgramChanged(context.Message, listed: false));
    public Task Consume(ConsumeContext<ApplicationStatusChanged> context) =>
        OneTripInbox.ConsumeAsync(commits, context, nameof(SubsidyEventsConsumer), RecordStatements.Application(context.Message));

    private Task Once<T>(ConsumeContext<T> context, Func<IEnumerable<Npgsql.NpgsqlBatchCommand>> statements)
        where T : class, IIntegrationEvent =>
        OneTripInbox.ConsumeAsync(commits, context, nameof(SubsidyEventsConsumer), statements);
}
