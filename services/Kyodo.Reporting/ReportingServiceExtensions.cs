using Kyodo.Reporting.Consumers;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.Gaps;
using Kyodo.ServiceDefaults;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kyodo.Reporting;

public static class ReportingServiceExtensions
{
    public const int DefaultConsumerConcurrency = 128;

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
        builder.AddKyodoInbox<ReportingDbContext>();
        builder.Services.AddOptions<GroupCommitOptions>().Bind(builder.Configuration.GetSection(GroupCommitOptions.Section))
            .Validate(o => o.MaxMessages is > 0 and <= 1000, $"{GroupCommitOptions.Section}:MaxMessages must be from 1 to 1000")
            .Validate(o => o.Writers is > 0 and <= 64, $"{GroupCommitOptions.Section}:Writers must be from 1 to 64")
            .ValidateOnStart();
        builder.Services.AddSingleton<GroupCommit>();
        // A consumer waits for its group-commit batch, so the messages in flight are what a batch can
        // gather, and PostgreSQL's cost per message falls as its batches grow (Messaging:ConsumerConcurrency
        // overrides). 128 on each endpoint: the national backlog drain 0.40-0.42 of plain MassTransit
        // against 0.34 with 32 (2026-12-07, decision 046). 32 had been chosen over 16 for the live
        // phase's start-up queue (decision 043); 64 and 128 were no worse there.
        builder.Services.PostConfigure<MessagingOptions>(o => o.ConsumerConcurrency ??= DefaultConsumerConcurrency);
        builder.AddEventGapWatch();
        return builder;
    }

    /// <summary>
    /// Finds events the publishers' outboxes say were published and reporting never received, and
    /// repairs them by rebuilding their municipalities (decision 039). Reported by the readiness
    /// check "event-gaps" (Degraded while some are missing, never Unhealthy) and the meter
    /// <see cref="EventGapStatus.MeterName"/>.
    /// </summary>
    private static void AddEventGapWatch(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventGapOptions>().Bind(builder.Configuration.GetSection(EventGapOptions.Section))
            .Validate(o => o.Interval > TimeSpan.Zero && o.Grace >= TimeSpan.Zero,
                "Reporting:EventGaps:Interval must be positive and Grace not negative")
            .Validate(o => o.PageSize is > 0 and <= PublishedEvents.MaxPageSize,
                $"Reporting:EventGaps:PageSize must be from 1 to {PublishedEvents.MaxPageSize}")
            .ValidateOnStart();
        builder.Services.AddSingleton<EventGapStatus>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("event-gaps",
            services => services.GetRequiredService<EventGapStatus>(), failureStatus: null, tags: [HealthTags.Ready]));
        builder.Services.AddHostedService<EventGapWatch>();
    }
}
