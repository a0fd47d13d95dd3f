using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Kyodo.Common.V1;

namespace Kyodo.Client;

/// <summary>
/// When a call is tried again (grpc-dotnet's retries, configured per method):
/// <list type="bullet">
/// <item>RESOURCE_EXHAUSTED from the gateway's rate limiter, any RPC, after the wait it sends
/// (<c>grpc-retry-pushback-ms</c>): the limiter refuses before anything reaches a service.</item>
/// <item>UNAVAILABLE, only where sending twice changes nothing: reads (<c>Get…</c>, <c>List…</c>,
/// ExportReport), the two batch writes whose repetition is a no-op (UpsertItemSheet, ImportProgram),
/// and every call whose request has a <c>request_id</c> (creates and lifecycle steps): the client gives
/// each such call one (<see cref="RequestIdAssignment"/>), and the service answers a repeat of it with
/// the first answer. An update or a delete may have arrived before UNAVAILABLE; the caller decides.</item>
/// </list>
/// </summary>
public static class KyodoRetryPolicy
{
    /// <summary>The services whose methods the policy names.</summary>
    public static readonly IReadOnlyList<ServiceDescriptor> Services =
    [
        Kyodo.Plan.V1.PlanService.Descriptor,
        Kyodo.Budget.V1.BudgetService.Descriptor,
        Kyodo.Subsidy.V1.SubsidyService.Descriptor,
        Kyodo.Reporting.V1.ReportingService.Descriptor,
    ];

    /// <summary>Whether sending <paramref name="method"/> twice changes nothing more than sending it once.</summary>
    public static bool IsIdempotent(MethodDescriptor method) =>
        method.Name.StartsWith("Get", StringComparison.Ordinal)
        || method.Name.StartsWith("List", StringComparison.Ordinal)
        || method.Name is "UpsertItemSheet" or "ImportProgram" or "ExportReport"
        || RequestIdField.IsIn(method.InputType);

    /// <summary>The channel's service config: one retry policy for the idempotent methods, one for the rest.</summary>
    public static ServiceConfig ForChannel(KyodoClientOptions options)
    {
        var config = new ServiceConfig();
        if (options.MaxAttempts <= 1) return config;
        foreach (var idempotent in new[] { true, false })
        {
            var retry = new RetryPolicy
            {
                MaxAttempts = options.MaxAttempts,
                InitialBackoff = options.InitialBackoff,
                MaxBackoff = options.MaxBackoff,
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.ResourceExhausted },
            };
            if (idempotent) retry.RetryableStatusCodes.Add(StatusCode.Unavailable);
            var methods = new MethodConfig { RetryPolicy = retry };
            foreach (var service in Services)
                foreach (var method in service.Methods.Where(m => IsIdempotent(m) == idempotent))
                    methods.Names.Add(new MethodName { Service = service.FullName, Method = method.Name });
            config.MethodConfigs.Add(methods);
        }
        return config;
    }
}
