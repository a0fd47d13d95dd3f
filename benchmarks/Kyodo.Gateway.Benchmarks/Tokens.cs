using Kyodo.Security;

namespace Kyodo.Gateway.Benchmarks;

/// <summary>
/// Bearer tokens signed with the local key of the Auth section in the environment (./dev exports
/// it), so the gateway and the plan service validate them as any caller's. One subject per
/// concurrent caller: the gateway's rate limit is per caller, as it would be for real callers.
/// </summary>
public static class Tokens
{
    public const string Municipality = "99002";

    public static AuthOptions FromEnvironment()
    {
        var options = new AuthOptions
        {
            Issuer = Environment.GetEnvironmentVariable("Auth__Issuer"),
            Audience = Environment.GetEnvironmentVariable("Auth__Audience") ?? "",
            SigningKey = Environment.GetEnvironmentVariable("Auth__SigningKey"),
        };
        if (string.IsNullOrEmpty(options.Issuer) || options.Audience.Length == 0 || string.IsNullOrEmpty(options.SigningKey))
            throw new ArgumentException("Auth__Issuer, Auth__Audience and Auth__SigningKey must be set (the same as the running system's; ./dev exports them)");
        return options;
    }

    /// <summary>A system caller of the benchmark's municipality that may read and write it (the setup writes one plan).</summary>
    public static string Caller(AuthOptions auth, int index) => TokenMinter.Mint(auth, new TokenRequest(
        $"gateway-benchmark-{index}", Municipality, [KyodoRoles.System], null, [KyodoScopes.Read, KyodoScopes.Write, KyodoScopes.Admin]));
}
