using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Readiness as the outbox relay last saw the broker: Degraded while events wait because the broker
/// refuses or is away (the service still answers reads and accepts writes, whose events the outbox
/// keeps), Healthy once a batch goes out or nothing waits. Degraded, never Unhealthy: /readyz stays
/// 200 and gRPC health SERVING, so a broker outage takes no service out of rotation; the body says why.
/// </summary>
public sealed class OutboxHealth(TimeProvider clock) : IHealthCheck
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _failingSince;
    private string _lastError = "";

    /// <summary>The relay could not publish what waits.</summary>
    public void Failed(Exception error)
    {
        lock (_gate)
        {
            _failingSince ??= clock.GetUtcNow();
            _lastError = error.GetBaseException().Message;
        }
    }

    /// <summary>The relay published what waited, or nothing waited.</summary>
    public void Succeeded()
    {
        lock (_gate) _failingSince = null;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_failingSince is { } since
                ? HealthCheckResult.Degraded(
                    $"events wait in the outbox: the broker has not taken them since {since:yyyy-MM-ddTHH:mm:ssZ} ({_lastError}); writes "
                    + $"are accepted and their events go out when it returns",
                    data: new Dictionary<string, object> { ["failing_since"] = since.ToString("O") })
                : HealthCheckResult.Healthy("the outbox's events go out"));
        }
    }
}
