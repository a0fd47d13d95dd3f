using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kyodo.Security;

/// <summary>
/// JWT validation that remembers, for a short while, the tokens it has already found valid. A caller
/// sends the same token on every call until it expires, and the gateway and then the service each
/// validated it in full on every call (parse, HMAC, issuer, audience, lifetime, a new identity): up to
/// 4 % of a call's samples in the calls benchmark's profiles, paid twice through the gateway. Safely:
/// <list type="bullet">
/// <item>only successes are remembered, keyed by the whole token text (header, payload and signature):
///   any other text, a tampered copy included, is validated in full;</item>
/// <item>expiry is enforced on every use: an entry serves only until the token's exp plus the clock
///   skew the validation allows, after which the token is validated again and fails as expired;</item>
/// <item>an entry serves at most <see cref="EntryLifetime"/>, so keys a provider stops publishing, or a
///   configuration reloaded, take effect within that time;</item>
/// <item>each call gets its own copy of the identity, so nothing one request does to it reaches another;</item>
/// <item>the cache is bounded (<see cref="MaxEntries"/>): when full it starts again empty.</item>
/// </list>
/// </summary>
public sealed class CachingTokenHandler : JsonWebTokenHandler
{
    public static readonly TimeSpan EntryLifetime = TimeSpan.FromMinutes(1);
    public const int MaxEntries = 10_000;

    private sealed record Entry(ClaimsIdentity Identity, SecurityToken Token, string? Issuer, string? TokenType, DateTime NotAfter);

    private readonly ConcurrentDictionary<string, Entry> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = DateTime.UtcNow; // the clock the base validation checks lifetimes with
        if (_valid.TryGetValue(token, out var entry))
        {
            if (now < entry.NotAfter)
                return new TokenValidationResult
                {
                    IsValid = true, ClaimsIdentity = entry.Identity.Clone(), SecurityToken = entry.Token, Issuer = entry.Issuer,
                    TokenType = entry.TokenType,
                };
            _valid.TryRemove(KeyValuePair.Create(token, entry));
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result is { IsValid: true, ClaimsIdentity: { } identity, SecurityToken: { } validated }
            && validated.ValidTo > DateTime.MinValue)
        {
            var expires = validated.ValidTo.Add(validationParameters.ClockSkew);
            var notAfter = expires < now + EntryLifetime ? expires : now + EntryLifetime;
            if (_valid.Count >= MaxEntries) _valid.Clear();
            _valid[token] = new Entry(identity.Clone(), validated, result.Issuer, result.TokenType, notAfter);
        }
        return result;
    }
}
