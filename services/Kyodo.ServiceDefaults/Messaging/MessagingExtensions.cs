using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kyodo.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ (section "RabbitMq"), with queue names prefixed by the
    /// service name, publisher confirms, and consumer retries then the error queue. The bus
    /// connects in the background: a broker that is away makes the service not-ready, never
    /// stops it from starting. Events go out on versioned exchanges (EventExchanges). MassTransit's
    /// usage telemetry is off (Messaging:UsageTelemetry).
    /// </summary>
    public static WebApplicationBuilder AddKyodoMessaging(
        this WebApplicationBuilder builder, Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        var service = builder.Services.Single(d => d.ServiceType == typeof(ServiceIdentity)).ImplementationInstance as ServiceIdentity
            ?? throw new InvalidOperationException("Call AddServiceDefaults before AddKyodoMessaging.");
        builder.Services.AddOptions<RabbitMqOptions>().Bind(builder.Configuration.GetSection("RabbitMq"));
        builder.Services.AddOptions<MessagingOptions>().Bind(builder.Configuration.GetSection("Messaging"))
            .Validate(o => o.OutboxBatchSize > 0, "Messaging:OutboxBatchSize must be positive")
            .Validate(o => o.ConsumerConcurrency is null or (> 0 and <= 1000), "Messaging:ConsumerConcurrency must be from 1 to 1000")
            .Validate(o => o.OutboxPollInterval > TimeSpan.Zero && o.PublishTimeout > TimeSpan.Zero && o.FirstRetryDelay > TimeSpan.Zero
                    && o.BrokerProbeInterval > TimeSpan.Zero && o.InboxPruneInterval > TimeSpan.Zero
                    && o.OutboxPruneInterval > TimeSpan.Zero,
                "Messaging intervals must be positive")
            .Validate(o => o.InboxRetention >= TimeSpan.FromDays(1), "Messaging:InboxRetention must be at least a day")
            // A restore republishes the outbox's last minutes before its instant (docs/operations.md): a day keeps them.
            .Validate(o => o.OutboxRetention >= TimeSpan.FromDays(1), "Messaging:OutboxRetention must be at least a day")
            .ValidateOnStart();
        builder.Services.AddOptions<UsageTelemetryOptions>()
            .Configure<IOptions<MessagingOptions>>((usage, messaging) => usage.Enabled = messaging.Value.UsageTelemetry);

        // Consumers back soon after the broker returns (MassTransit's own reconnect may wait 30 s and more).
        builder.Services.AddSingleton<BrokerWatch>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BrokerWatch>());
        builder.Services.AddReceiveEndpointObserver(services => services.GetRequiredService<BrokerWatch>());

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service.Name, includeNamespace: false));
            addConsumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                endpoint.UseMessageRetry(r => r.Intervals(options.EffectiveConsumerRetryIntervals));
                if (options.ConsumerConcurrency is { } concurrency)
                {
                    endpoint.ConcurrentMessageLimit = concurrency;
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.PrefetchCount = concurrency;
                }
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var settings = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                rabbit.Host(settings.Host, settings.Port, settings.VirtualHost, host =>
                {
                    host.Username(settings.Username);
                    host.Password(settings.Password);
                    host.PublisherConfirmation = true;
                });
                rabbit.UseVersionedEventExchanges();
                rabbit.WriteCompactJson();
                rabbit.ConfigureEndpoints(context);
            });
        });

        return builder;
    }

    /// <summary>
    /// Publishes the integration events stored in <typeparamref name="TContext"/>'s outbox
    /// (see <see cref="OutboxDbContextExtensions.AddIntegrationEvent"/>), and deletes them
    /// Messaging:OutboxRetention after (<see cref="OutboxPruning{TContext}"/>). Needs AddKyodoMessaging.
    /// </summary>
    public static WebApplicationBuilder AddKyodoOutbox<TContext>(this WebApplicationBuilder builder)
        where TContext : DbContext
    {
        builder.Services.AddSingleton<LegacyEventExchanges>();
        builder.Services.AddSingleton<OutboxHealth>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("outbox",
            services => services.GetRequiredService<OutboxHealth>(), failureStatus: null, tags: [HealthTags.Ready]));
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        builder.Services.AddSingleton<OutboxPruning<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxPruning<TContext>>());
        return builder;
    }

    /// <summary>
    /// Keeps <typeparamref name="TContext"/>'s inbox (the messages its consumers handled) to
    /// Messaging:InboxRetention (<see cref="InboxPruning{TContext}"/>). For a service whose model maps
    /// the inbox (<see cref="MessagingModelBuilderExtensions.AddInbox"/>); needs AddKyodoMessaging.
    /// </summary>
    public static WebApplicationBuilder AddKyodoInbox<TContext>(this WebApplicationBuilder builder)
        where TContext : DbContext
    {
        builder.Services.AddSingleton<InboxPruning<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<InboxPruning<TContext>>());
        return builder;
    }
}
