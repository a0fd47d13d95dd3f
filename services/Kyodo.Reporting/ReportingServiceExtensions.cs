using MassTransit;
using Kyodo.Reporting.Consumers;
using Kyodo.Reporting.Data;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Messaging;

namespace Kyodo.Reporting;

public static class ReportingServiceExtensions
{
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
        return builder;
    }
}
