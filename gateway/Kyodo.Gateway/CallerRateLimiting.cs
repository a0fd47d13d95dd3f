using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using Kyodo.Security;

namespace Kyodo.Gateway;

/// <summary>
/// One token bucket per caller: the token's subject when it has a valid one, otherwise the
/// remote address (so floods of bad tokens are limited too). Over the limit: RESOURCE_EXHAUSTED
/// for gRPC, HTTP 429 for REST, both with <c>retry-after</c> (seconds) and gRPC also with
/// <c>grpc-retry-pushback-ms</c>.
/// </summary>
public static class CallerRateLimiting
{
    public static IServiceCollection AddCallerRateLimiting(this IServiceCollection services, RateLimitOptions limits)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(CallerKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (GatewayRefusals.IsGrpc(rejected.HttpContext.Request))
                    response.Headers["grpc-retry-pushback-ms"] =
                        ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
                await GatewayRefusals.WriteAsync(rejected.HttpContext, StatusCode.ResourceExhausted, StatusCodes.Status429TooManyRequests,
                    GatewayMessages.RateLimited(limits.RequestsPerSecond, limits.Burst, seconds));
            };
        });
        return services;
    }

    public static string CallerKey(HttpContext context) =>
        context.User.FindFirst(KyodoClaims.Subject)?.Value is { Length: > 0 } subject
            ? "sub:" + subject
            : "addr:" + context.Connection.RemoteIpAddress;
}
