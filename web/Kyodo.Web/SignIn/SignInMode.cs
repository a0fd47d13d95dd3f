using Kyodo.Security;

namespace Kyodo.Web.SignIn;

/// <summary>
/// How staff sign in. With <c>Auth:Authority</c> (production): OpenID Connect at that provider,
/// whose access token (audience <c>Auth:Audience</c>) the app keeps and sends to the gateway; the
/// client is <c>Oidc:ClientId</c> / <c>Oidc:ClientSecret</c>, scopes <c>Oidc:Scopes</c>. With the
/// local signing key instead (./dev up, tests): the development sign-in, which mints a token for
/// a chosen municipality, department and role with that key, and every page says so.
/// </summary>
public sealed record SignInMode(AuthOptions Auth, string? ClientId, string? ClientSecret, IReadOnlyList<string> Scopes)
{
    public bool IsOidc => Auth.Authority is { Length: > 0 };
    public bool IsDevelopment => !IsOidc;

    public static SignInMode Read(IConfiguration configuration)
    {
        var auth = TokenValidation.Read(configuration);
        var mode = new SignInMode(auth, configuration["Oidc:ClientId"], configuration["Oidc:ClientSecret"],
            (configuration["Oidc:Scopes"] ?? "openid profile").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (mode.IsOidc && string.IsNullOrWhiteSpace(mode.ClientId))
            throw new InvalidOperationException("Auth:Authority is set, so staff sign in with OpenID Connect: set Oidc:ClientId "
                + "(environment Oidc__ClientId), and Oidc:ClientSecret for a confidential client.");
        if (mode.IsDevelopment) TokenValidation.SigningKey(auth); // a short or malformed key fails at start
        return mode;
    }
}
