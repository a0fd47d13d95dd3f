using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kyodo.Security;

/// <summary>What a minted token says about its caller.</summary>
public sealed record TokenRequest(
    string Subject,
    string? Municipality,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string>? Departments = null,
    IReadOnlyList<string>? Scopes = null)
{
    /// <summary>How long the token is valid from <see cref="NotBefore"/> (default one hour).</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>When the token starts being valid (default now).</summary>
    public DateTime? NotBefore { get; init; }

    /// <summary>The prefecture a <see cref="KyodoRoles.Prefecture"/> caller reads (2 digits); none by default.</summary>
    public string? Prefecture { get; init; }

    /// <summary>Overrides the configured issuer/audience (tests of wrong ones).</summary>
    public string? Issuer { get; init; }
    public string? Audience { get; init; }
}

/// <summary>
/// Signs tokens with the local symmetric key of the <c>Auth</c> section: the token command
/// (tools/Kyodo.TokenMint) and the tests use this one implementation. Production tokens come
/// from the OIDC provider, never from here.
/// </summary>
public static class TokenMinter
{
    public static string Mint(AuthOptions options, TokenRequest request) =>
        Mint(TokenValidation.SigningKey(options), options.Issuer ?? "", options.Audience, request);

    public static string Mint(SecurityKey key, string issuer, string audience, TokenRequest request)
    {
        var claims = new List<Claim> { new(KyodoClaims.Subject, request.Subject) };
        if (request.Municipality is { Length: > 0 }) claims.Add(new(KyodoClaims.Municipality, request.Municipality));
        if (request.Prefecture is { Length: > 0 }) claims.Add(new(KyodoClaims.Prefecture, request.Prefecture));
        claims.AddRange(request.Roles.Select(r => new Claim(KyodoClaims.Role, r)));
        claims.AddRange((request.Departments ?? []).Select(d => new Claim(KyodoClaims.Department, d)));
        if (request.Scopes is { Count: > 0 }) claims.Add(new(KyodoClaims.Scope, string.Join(' ', request.Scopes)));

        var notBefore = request.NotBefore ?? DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = request.Issuer ?? issuer,
            Audience = request.Audience ?? audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = notBefore + request.Lifetime,
            // RS256 for an asymmetric key (what an OIDC provider signs with; tests play one), else HS256.
            SigningCredentials =
                new SigningCredentials(key, key is RsaSecurityKey ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.HmacSha256),
        });
    }
}
