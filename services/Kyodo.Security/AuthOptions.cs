namespace Kyodo.Security;

/// <summary>
/// The <c>Auth</c> configuration section (environment <c>Auth__Issuer</c> …), the same in the
/// gateway and every service. Production sets <see cref="Authority"/> (an OIDC provider whose
/// discovery document gives issuer and keys); local runs and tests set <see cref="Issuer"/> and
/// <see cref="SigningKey"/> instead.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>OIDC authority URL (production). When set, Issuer/SigningKey are not used.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience every token must name.</summary>
    public string Audience { get; set; } = "";

    /// <summary>The issuer every locally signed token must name.</summary>
    public string? Issuer { get; set; }

    /// <summary>Base64 of a symmetric HMAC-SHA256 key of at least 32 bytes (local runs and tests only).</summary>
    public string? SigningKey { get; set; }

    /// <summary>Tolerated clock difference for exp/nbf. Small: a token is short-lived.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the OIDC metadata must come over HTTPS (turn off only for a local authority).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
