using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kyodo.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Maximum gRPC message size on every hop (4 MiB, the gRPC default, stated explicitly).</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>
    /// What every Kyodo service has: structured logs, OpenTelemetry, gRPC with the error
    /// interceptor, reflection and health. Call first; then AddKyodoDatabase and AddKyodoMessaging.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSingleton(new ServiceIdentity(serviceName));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();

        builder.AddKyodoLogging();
        builder.AddKyodoTelemetry(serviceName);

        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ErrorInterceptor>();     // outermost: also maps what the readiness gate throws
            grpc.Interceptors.Add<ReadinessInterceptor>();
            grpc.MaxReceiveMessageSize = MaxMessageBytes;
            grpc.MaxSendMessageSize = MaxMessageBytes;
            grpc.EnableDetailedErrors = false; // never send exception text or stack traces
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks(health =>
            health.Services.Map("", check => check.Tags.Contains(HealthTags.Ready)));
        return builder;
    }

    /// <summary>
    /// Maps gRPC health (grpc.health.v1) and reflection, and HTTP /healthz (the process is
    /// alive) and /readyz (its database and broker answer).
    /// </summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return app;
    }

    /// <summary>
    /// Runs the service, or with the single argument <c>migrate</c> applies the database
    /// migrations and exits (what the Kubernetes migration Jobs run).
    /// </summary>
    public static async Task<int> RunKyodoServiceAsync(this WebApplication app, string[] args)
    {
        if (args is ["migrate"])
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await app.Services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(timeout.Token);
            return 0;
        }
        await app.RunAsync();
        return 0;
    }
}
