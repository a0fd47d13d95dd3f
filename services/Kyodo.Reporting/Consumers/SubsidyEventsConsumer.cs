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
    private readonly ReadModelWriter _write = new(db);

    public Task Consume(ConsumeContext<SubsidyProgramCreated> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    public Task Consume(ConsumeContext<SubsidyProgramChanged> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));
    public Task Consume(ConsumeContext<ApplicationStatusChanged> context) => Once(context, ct => _write.ApplyAsync(context.Message, ct));

    private Task Once<T>(ConsumeContext<T> context, Func<CancellationToken, Task> apply) where T : class =>
        Inbox.ConsumeOnceAsync(db, context, nameof(SubsidyEventsConsumer), apply);
}
