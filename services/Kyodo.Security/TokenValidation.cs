using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Kyodo.Security;

/// <summary>JWT bearer validation as the gateway and every service do it: issuer, audience, lifetime, signature.</summary>
public static class TokenValidation
{
    /// <summary>
    /// Adds JwtBearer as the default scheme, configured from the <c>Auth</c> section. A service
    /// without that section does not start: running without authentication is never a default.
    /// </summary>
    public static IServiceCollection AddKyodoJwtBearer(this IServiceCollection services, IConfiguration configuration)
    {
        var options = Read(configuration);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt => Configure(jwt, options));
        return services;
    }

    /// <summary>
    /// As <see cref="AddKyodoJwtBearer(IServiceCollection, IConfiguration)"/>, but the <c>Auth</c>
    /// section is read when the host starts, not when it is built: the same program's one-shot
    /// commands (<c>migrate</c>, <c>healthcheck</c>), which never start the host, run without it,
    /// while serving without it still fails at start with the same message.
    /// </summary>
    public static IServiceCollection AddKyodoJwtBearerCheckedAtStart(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IConfiguration>((jwt, configuration) => Configure(jwt, Read(configuration)));
        services.AddHostedService<AuthConfigurationCheck>();
        return services;
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions options)
    {
        // Keep the JWT claim names ("sub", "role") instead of the WS-Federation URIs.
        jwt.MapInboundClaims = false;
        jwt.Audience = options.Audience;
        // Full validation once per token, then remembered until it expires (CachingTokenHandler says how that stays safe).
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(new CachingTokenHandler { MapInboundClaims = false });
        jwt.TokenValidationParameters = Parameters(options);
        if (options.Authority is { Length: > 0 })
        {
            jwt.Authority = options.Authority;
            jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
        }
    }

    public static AuthOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Audience)) missing.Add("Auth:Audience");
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            if (string.IsNullOrWhiteSpace(options.Issuer)) missing.Add("Auth:Issuer (or Auth:Authority)");
            if (string.IsNullOrWhiteSpace(options.SigningKey)) missing.Add("Auth:SigningKey (or Auth:Authority)");
        }
        if (missing.Count > 0)
            throw new InvalidOperationException("Authentication is not configured; set " + string.Join(", ", missing)
                + " (environment Auth__Audience …). Production sets Auth:Authority to the OIDC provider.");
        return options;
    }

    /// <summary>The checks every token passes; with an Authority the issuer and keys come from its discovery document.</summary>
    public static TokenValidationParameters Parameters(AuthOptions options)
    {
        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidAudience = options.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = options.ClockSkew,
            NameClaimType = KyodoClaims.Subject,
            RoleClaimType = KyodoClaims.Role,
        };
        if (options.Authority is not { Length: > 0 })
        {
            parameters.ValidIssuer = options.Issuer;
            parameters.IssuerSigningKey = SigningKey(options);
            parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        return parameters;
    }

    public static SymmetricSecurityKey SigningKey(AuthOptions options)
    {
        var bytes = Convert.FromBase64String(options.SigningKey ?? "");
        if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be the base64 of at least 32 random bytes.");
        return new SymmetricSecurityKey(bytes);
    }
}
