using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;

namespace Kyodo.Client;

/// <summary>
/// One channel to Kyodo's gateway and a client of each service on it. Every call carries the
/// bearer token, gets <see cref="KyodoClientOptions.DefaultDeadline"/> unless it sets its own, a
/// <c>request_id</c> when its request has one left empty, and is tried again as <see cref="KyodoRetryPolicy"/> says. Dispose it to close
/// the channel.
/// </summary>
/// <example>
/// <code>
/// using var kyodo = KyodoClient.Create(new Uri("http://localhost:5080"), KyodoCredentials.BearerToken(token));
/// var plan = await kyodo.Plan.GetPlanAsync(new GetPlanRequest { Id = planId });
/// </code>
/// </example>
public sealed class KyodoClient : IDisposable
{
    private KyodoClient(GrpcChannel channel, CallInvoker invoker)
    {
        Channel = channel;
        Plan = new PlanService.PlanServiceClient(invoker);
        Budget = new BudgetService.BudgetServiceClient(invoker);
        Subsidy = new SubsidyService.SubsidyServiceClient(invoker);
        Reporting = new ReportingService.ReportingServiceClient(invoker);
    }

    /// <summary>The channel to the gateway (for clients of services this class does not name).</summary>
    public GrpcChannel Channel { get; }

    /// <summary>kyodo.plan.v1: municipalities, departments, plans, items, indicators, priority goals.</summary>
    public PlanService.PlanServiceClient Plan { get; }

    /// <summary>kyodo.budget.v1: budget lines, sheets, totals and reservations.</summary>
    public BudgetService.BudgetServiceClient Budget { get; }

    /// <summary>kyodo.subsidy.v1: grant programs, courses, applicants and applications.</summary>
    public SubsidyService.SubsidyServiceClient Subsidy { get; }

    /// <summary>kyodo.reporting.v1: the reports, as typed tables or exported files.</summary>
    public ReportingService.ReportingServiceClient Reporting { get; }

    /// <param name="gateway">The gateway's gRPC address (http://host:5080, or https:// behind TLS).</param>
    /// <param name="credentials">From <see cref="KyodoCredentials"/>: the token every call carries.</param>
    /// <param name="options">Deadline, retry and message-size defaults; null for those the README recommends.</param>
    public static KyodoClient Create(Uri gateway, CallCredentials credentials, KyodoClientOptions? options = null)
    {
        options ??= new KyodoClientOptions();
        var channel = GrpcChannel.ForAddress(gateway, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(
                gateway.Scheme == Uri.UriSchemeHttps ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, credentials),
            // The token over cleartext only when the address is http://, as the caller chose (a gateway on
            // the same host or network); over https it is always encrypted.
            UnsafeUseInsecureChannelCallCredentials = gateway.Scheme == Uri.UriSchemeHttp,
            ServiceConfig = KyodoRetryPolicy.ForChannel(options),
            MaxRetryAttempts = options.MaxAttempts,
            MaxReceiveMessageSize = options.MaxMessageBytes,
            MaxSendMessageSize = options.MaxMessageBytes,
        });
        return new KyodoClient(channel,
            channel.Intercept(new DefaultDeadline(options.DefaultDeadline)).Intercept(new RequestIdAssignment()));
    }

    /// <summary>Closes the channel.</summary>
    public void Dispose() => Channel.Dispose();
}
