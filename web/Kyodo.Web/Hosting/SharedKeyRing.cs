using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kyodo.Web.Hosting;

/// <summary>
/// The Data Protection keys that encrypt the session cookie and the forms' antiforgery tokens.
/// Without <c>DataProtection:KeyRing</c> each process makes its own, which serves one process (a
/// local run, Compose). Several replicas behind one Service must share them, or a session started
/// on one pod is unreadable on the next: <c>DataProtection:KeyRing</c> names a folder of key files
/// every replica reads (in Kubernetes, the Secret <c>web-key-ring</c> mounted read-only). The app
/// never writes there; operators add keys with <c>new-key</c> (<see cref="CreateKey"/>) before the
/// current one expires, and old keys keep decrypting what they encrypted.
/// </summary>
public static class SharedKeyRing
{
    /// <summary>Every replica protects with the same purpose strings, whatever its path or host.</summary>
    public const string ApplicationName = "kyodo-web";
    public static readonly TimeSpan DefaultKeyLifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewalWarning = TimeSpan.FromDays(30);

    public static IServiceCollection AddKyodoDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        var folder = configuration["DataProtection:KeyRing"];
        if (string.IsNullOrWhiteSpace(folder)) return services;
        if (!Directory.Exists(folder))
            throw new InvalidOperationException($"DataProtection:KeyRing (environment DataProtection__KeyRing) names '{folder}', which is "
                + $"no folder: mount the key ring there.");
        dataProtection.PersistKeysToFileSystem(new DirectoryInfo(folder)).DisableAutomaticKeyGeneration();
        services.AddHealthChecks().AddCheck<KeyRingHealth>("key-ring", tags: ["ready"]);
        return services;
    }

    /// <summary>Writes a new key, active now and for <paramref name="lifetime"/>, into <paramref name="folder"/>; its file.</summary>
    public static string CreateKey(string folder, TimeSpan lifetime)
    {
        Directory.CreateDirectory(folder);
        var before = Directory.GetFiles(folder, "*.xml").ToHashSet();
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(folder));
        using var provider = services.BuildServiceProvider();
        var now = DateTimeOffset.UtcNow;
        provider.GetRequiredService<IKeyManager>().CreateNewKey(activationDate: now, expirationDate: now + lifetime);
        return Directory.GetFiles(folder, "*.xml").Single(f => !before.Contains(f));
    }

    /// <summary>
    /// Ready while some key of the ring is valid (without one no page can start a session); degraded
    /// when the last of them expires within 30 days, so the warning shows before staff notice.
    /// </summary>
    private sealed class KeyRingHealth(IKeyManager keys, TimeProvider clock) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var now = clock.GetUtcNow();
            var valid = keys.GetAllKeys().Where(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now).ToList();
            if (valid.Count == 0)
                return Task.FromResult(HealthCheckResult.Unhealthy("the shared key ring holds no valid key: add one with new-key"));
            var last = valid.Max(k => k.ExpirationDate);
            return Task.FromResult(last - now < RenewalWarning
                ? HealthCheckResult.Degraded($"the shared key ring's last key expires {last:yyyy-MM-dd}: add one with new-key")
                : HealthCheckResult.Healthy());
        }
    }
}
