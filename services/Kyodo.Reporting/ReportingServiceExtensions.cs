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
    public const int DefaultConsumerConcurrency = 32;

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
            .ValidateOnStart();
        builder.Services.AddSingleton<GroupCommit>();
        // Each event is a few database round trips: more in flight than CPUs keeps the consumers busy
        // while they wait (the national benchmark compares; Messaging:ConsumerConcurrency overrides).
        // 32, not 16: after a start, the process's first seconds (code not yet optimised) leave a
        // queue that 16 in flight worked off in 7.5-15 s and 32 in 7.5-10 s in the first runs (2026-12-07,
        // live at 500/s); later runs spread wider (5-22.5 s) and 64 or 128 were not clearly better
        // (decision 043). The backlog drain is the same with 16, 32 or 64 (0.21-0.24 of plain MassTransit).
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
