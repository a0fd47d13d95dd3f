using Kyodo.Security;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Input;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Kyodo.ServiceDefaults.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kyodo.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Maximum gRPC message size on every hop (4 MiB, the gRPC default, stated explicitly), sent or
    /// received; grpc-dotnet measures a compressed message inflated, and stops inflating at the cap.
    /// </summary>
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
        builder.Services.AddOptions<ForwardedForOptions>().Bind(builder.Configuration.GetSection(ForwardedForOptions.Section));
        builder.Services.AddSingleton(services => new ForwardedFor(services.GetRequiredService<IOptions<ForwardedForOptions>>().Value));
        // The language of error messages when the caller's accept-language names none Kyodo speaks.
        builder.Services.AddSingleton(ErrorLanguages.FromSetting(builder.Configuration["Errors:DefaultLanguage"]));
        builder.Services.AddOptions<FailpointOptions>().Bind(builder.Configuration.GetSection("Failpoints"));
        builder.Services.AddSingleton<Failpoints>();

        builder.AddKyodoLogging();
        builder.AddKyodoTelemetry(serviceName);
        // Without a complete Auth section the service does not start: it never runs unauthenticated.
        builder.Services.AddKyodoJwtBearerCheckedAtStart();

        // gRPC builds an interceptor anew on every call unless DI holds one. These keep nothing of a
        // call, and some build lookup tables and caches from the service's rule tables (the text
        // rules' walk of each message type, for one), so one instance serves every call.
        builder.Services.AddSingleton<RestDeadlineInterceptor>();
        builder.Services.AddSingleton<ErrorInterceptor>();
        builder.Services.AddSingleton<AuthenticationInterceptor>();
        builder.Services.AddSingleton<RequestTextInterceptor>();
        builder.Services.AddSingleton<UpdateMaskInterceptor>();
        builder.Services.AddSingleton<AuthorizationInterceptor>();
        builder.Services.AddSingleton<ReadinessInterceptor>();
        builder.Services.AddSingleton<TransientDatabaseRetryInterceptor>();
        builder.Services.AddSingleton<RequestIdInterceptor>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<RestDeadlineInterceptor>(); // a REST call's deadline, from its grpc-timeout header
            grpc.Interceptors.Add<ErrorInterceptor>();     // also maps what the readiness gate throws; bounds every status
            grpc.Interceptors.Add<AuthenticationInterceptor>();
            grpc.Interceptors.Add<RequestTextInterceptor>(); // every text field within its rule: each service registers its TextFieldTable
            // update RPCs: the fields to change, from update_mask, a REST body or what is populated
            grpc.Interceptors.Add<UpdateMaskInterceptor>();
            grpc.Interceptors.Add<AuthorizationInterceptor>(); // deny by default: each service registers its AccessTable
            grpc.Interceptors.Add<ReadinessInterceptor>();
            grpc.Interceptors.Add<TransientDatabaseRetryInterceptor>(); // runs the handler again when nothing was written
            // innermost: a retried request_id answers from its record, inside the database retry
            grpc.Interceptors.Add<RequestIdInterceptor>();
            grpc.MaxReceiveMessageSize = MaxMessageBytes;
            grpc.MaxSendMessageSize = MaxMessageBytes;
            grpc.EnableDetailedErrors = false; // never send exception text or stack traces
            grpc.UseReadableCompression();
        }).AddKyodoJsonTranscoding();
        builder.Services.AddReadableRequests(); // an unreadable request message is INVALID_ARGUMENT, not UNKNOWN
        builder.Services.AddGrpcClientMessageLimits(MaxMessageBytes);
        builder.Services.AddGrpcClientHeaderLimits();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // What the gateway forwards of a caller's headers, with room for what it adds (HeaderLimits).
            kestrel.Limits.MaxRequestHeadersTotalSize = HeaderLimits.ServiceRequestHeaderBytes;
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = HeaderLimits.ServiceRequestHeaderBytes;
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks(health =>
            health.Services.Map("", check => check.Tags.Contains(HealthTags.Ready)));
        return builder;
    }

    /// <summary>
    /// Maps gRPC health (grpc.health.v1) and reflection, and HTTP /healthz (the process is
    /// alive) and /readyz (its database and broker answer); reads a REST PATCH's body fields first.
    /// </summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseMiddleware<RestBodyFields>(); // a REST PATCH changes the fields its body holds

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
    /// Runs the service; or with the single argument <c>migrate</c> applies the database
    /// migrations and exits (what the Kubernetes migration Jobs run); or with <c>healthcheck</c>
    /// (<c>healthcheck ready</c>) asks the running service's /healthz (/readyz) on the health
    /// port of Kestrel:Endpoints:Health:Url and exits 0 when it answers 2xx, 1 otherwise,
    /// without starting the host (the container HEALTHCHECK: the runtime image has no curl).
    /// </summary>
    public static async Task<int> RunKyodoServiceAsync(this WebApplication app, string[] args)
    {
        if (args is ["migrate"])
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await app.Services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(timeout.Token);
            return 0;
        }
        if (args is ["healthcheck"] or ["healthcheck", "ready"])
        {
            var listen = BindingAddress.Parse(app.Configuration["Kestrel:Endpoints:Health:Url"]
                ?? throw new InvalidOperationException("Kestrel:Endpoints:Health:Url is not configured."));
            var host = listen.Host is "0.0.0.0" or "+" or "*" or "[::]" or "localhost" ? "127.0.0.1" : listen.Host;
            var url = $"http://{host}:{listen.Port}{(args.Length == 2 ? "/readyz" : "/healthz")}";
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode) return 0;
                var body = await response.Content.ReadAsStringAsync();
                Console.Error.WriteLine($"{url}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine($"{url}: {e.Message}");
            }
            return 1;
        }
        await app.RunAsync();
        return 0;
    }
}
