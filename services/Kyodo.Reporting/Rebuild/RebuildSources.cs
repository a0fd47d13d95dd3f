using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults;
using Kyodo.Subsidy.V1;

namespace Kyodo.Reporting.Rebuild;

/// <summary>
/// The public gRPC APIs a rebuild reads (never the services' databases). Each call carries the
/// rebuild's bearer token and a deadline (<paramref name="callTimeout"/>, default 30 s), and the
/// channels send and accept messages up to the services' own cap, as their clients do. A call
/// that fails throws <see cref="RebuildSourceException"/> naming the service.
/// </summary>
public sealed class RebuildSources : IDisposable
{
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    private readonly List<GrpcChannel> _channels = [];

    public PlanService.PlanServiceClient Plan { get; }
    public BudgetService.BudgetServiceClient Budget { get; }
    public SubsidyService.SubsidyServiceClient Subsidy { get; }

    public RebuildSources(Uri plan, Uri budget, Uri subsidy, string? bearerToken, TimeSpan? callTimeout = null)
    {
        var timeout = callTimeout ?? DefaultCallTimeout;
        Plan = new PlanService.PlanServiceClient(Open(new RebuildSource("plan", "Services:Plan", plan), bearerToken, timeout));
        Budget = new BudgetService.BudgetServiceClient(Open(new RebuildSource("budget", "Services:Budget", budget), bearerToken, timeout));
        Subsidy =
            new SubsidyService.SubsidyServiceClient(Open(new RebuildSource("subsidy", "Services:Subsidy", subsidy), bearerToken, timeout));
    }

    private CallInvoker Open(RebuildSource source, string? bearerToken, TimeSpan timeout)
    {
        var channel = GrpcChannel.ForAddress(source.Address, new GrpcChannelOptions
        {
            MaxSendMessageSize = ServiceDefaultsExtensions.MaxMessageBytes,
            MaxReceiveMessageSize = ServiceDefaultsExtensions.MaxMessageBytes,
        });
        _channels.Add(channel);
        return channel.CreateCallInvoker().Intercept(new SourceCalls(source, bearerToken, timeout));
    }

    public void Dispose()
    {
        foreach (var channel in _channels) channel.Dispose();
    }

    /// <summary>Adds the token and the deadline to every unary call (all a rebuild makes) and names the service when one fails.</summary>
    private sealed class SourceCalls(RebuildSource source, string? bearerToken, TimeSpan timeout) : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            // A copy: the caller's Metadata is its own, and may be reused for other calls.
            var headers = new Metadata();
            foreach (var entry in context.Options.Headers ?? []) headers.Add(entry);
            if (bearerToken is { Length: > 0 } token) headers.Add("authorization", $"Bearer {token}");
            var options = context.Options.WithHeaders(headers).WithDeadline(context.Options.Deadline ?? DateTime.UtcNow.Add(timeout));
            var call = continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options));
            return new AsyncUnaryCall<TResponse>(Named(call.ResponseAsync, context.Method.Name), call.ResponseHeadersAsync, call.GetStatus,
                call.GetTrailers, call.Dispose);
        }

        private async Task<TResponse> Named<TResponse>(Task<TResponse> response, string method)
        {
            try
            {
                return await response;
            }
            catch (RpcException e)
            {
                throw new RebuildSourceException(source, method, timeout, e);
            }
        }
    }
}

/// <summary>One service a rebuild reads: its name, the configuration key of its address, the address.</summary>
public sealed record RebuildSource(string Name, string AddressKey, Uri Address);

/// <summary>A call of the rebuild to one of its sources failed or did not answer in time.</summary>
public sealed class RebuildSourceException(RebuildSource source, string method, TimeSpan timeout, RpcException inner)
    : Exception(Describe(source, method, timeout, inner), inner)
{
    public RebuildSource Service { get; } = source;
    public StatusCode StatusCode => inner.StatusCode;

    private static string Describe(RebuildSource source, string method, TimeSpan timeout, RpcException e) =>
        $"the {source.Name} service ({source.AddressKey} = {source.Address}) " + (e.StatusCode == StatusCode.DeadlineExceeded
            ? $"did not answer {method} within {timeout:c} (Rebuild:CallTimeout)"
            : $"answered {method} with {e.StatusCode}: {e.Status.Detail}");
}
