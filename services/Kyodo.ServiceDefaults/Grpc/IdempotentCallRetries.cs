using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Kyodo.ServiceDefaults.Grpc;

public static class IdempotentCallRetries
{
    /// <summary>
    /// This client retries the named methods when they answer UNAVAILABLE (a restarting service, a
    /// database that failed for a moment), with gRPC's standard retry policy: up to four attempts,
    /// exponential back-off from 200 ms, always within the call's deadline (which the caller's
    /// forwarded deadline bounds). Only calls that may run twice belong here: reads, and writes
    /// the server applies once by their idempotency key. A method the service lacks fails at start.
    /// </summary>
    public static IHttpClientBuilder RetryWhenUnavailable(this IHttpClientBuilder client, ServiceDescriptor service,
        params string[] idempotentMethods)
    {
        var config = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = 4,
                InitialBackoff = TimeSpan.FromMilliseconds(200),
                MaxBackoff = TimeSpan.FromSeconds(2),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { global::Grpc.Core.StatusCode.Unavailable },
            },
        };
        foreach (var method in idempotentMethods)
        {
            if (service.FindMethodByName(method) is null)
                throw new InvalidOperationException($"{service.FullName} has no method {method} to retry.");
            config.Names.Add(new MethodName { Service = service.FullName, Method = method });
        }
        return client.ConfigureChannel(channel => channel.ServiceConfig = new ServiceConfig { MethodConfigs = { config } });
    }
}
