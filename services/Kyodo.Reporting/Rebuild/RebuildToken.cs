using Kyodo.Security;

namespace Kyodo.Reporting.Rebuild;

/// <summary>
/// The bearer token the rebuild calls the services with: <c>Rebuild:BearerToken</c> when set
/// (production: a token from the OIDC provider for a system caller), otherwise one signed with
/// the local <c>Auth</c> key where one is configured (development and tests), as a system caller
/// that may read every municipality.
/// </summary>
public static class RebuildToken
{
    public const string Subject = "kyodo-reporting-rebuild";

    public static string? From(IConfiguration configuration, TimeSpan lifetime)
    {
        if (configuration["Rebuild:BearerToken"] is { Length: > 0 } configured) return configured;
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>();
        if (auth is not { SigningKey.Length: > 0, Issuer.Length: > 0, Audience.Length: > 0 }) return null;
        return TokenMinter.Mint(auth, new TokenRequest(Subject, Municipality: null, [KyodoRoles.System], Departments: null,
            [KyodoScopes.Read, KyodoScopes.AllMunicipalities])
        { Lifetime = lifetime });
    }
}
