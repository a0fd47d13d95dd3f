using MassTransit;
using Kyodo.Reporting.Consumers;
using Kyodo.Reporting.Data;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Messaging;

namespace Kyodo.Reporting;

public static class ReportingServiceExtensions
{
    public const int DefaultConsumerConcurrency = 16;

    /// <summary>
    /// The reporting service's own registrations: its read-model database
    /// (ConnectionStrings:Reporting) and the consumers that fill it from the other services' events.
    /// </summary>
    public static WebApplicationBuilder AddReportingServices(this WebApplicationBuilder builder)
    {
        builder.AddKyodoDatabase<ReportingDbContext>("Reporting");
        builder.Services.AddSingleton(Grpc.ReportingAccess.Table);
        builder.Services.AddSingleton(Grpc.ReportingTextFields.Table);
        builder.AddKyodoMessaging(bus => bus.AddConsumers(typeof(PlanEventsConsumer).Assembly));
        // Each event is a few database round trips: more in flight than CPUs keeps the consumers busy
        // while they wait (the national benchmark compares; Messaging:ConsumerConcurrency overrides).
        builder.Services.PostConfigure<MessagingOptions>(o => o.ConsumerConcurrency ??= DefaultConsumerConcurrency);
        return builder;
    }
}
