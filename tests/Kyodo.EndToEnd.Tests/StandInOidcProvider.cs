using System.Security.Cryptography;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// What production's OIDC provider publishes, on a real loopback socket: a discovery document
/// (<c>/.well-known/openid-configuration</c>) naming the issuer and a JSON Web Key Set with one
/// RSA signing key, whose private half signs the tokens this class mints. The gateway and the
/// services, given only <c>Auth:Authority</c>, must fetch both and check tokens against them.
/// </summary>
public sealed class StandInOidcProvider : IAsyncDisposable
{
    private const string KeyId = "kyodo-test-oidc-1";
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _signingKey;

    public Uri Authority { get; }

    private StandInOidcProvider(WebApplication app, RsaSecurityKey signingKey, Uri authority)
    {
        _app = app;
        _signingKey = signingKey;
        Authority = authority;
    }

    public static async Task<StandInOidcProvider> StartAsync()
    {
        var rsa = RSA.Create(2048);
        var signingKey = new RsaSecurityKey(rsa) { KeyId = KeyId };
        var builder = WebApplication.CreateSlimBuilder();
        // Not the appsettings.json copied into the test output (a service's Kestrel endpoints).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0"); // the kernel picks the port at bind time
        var app = builder.Build();
        var publicKey = rsa.ExportParameters(includePrivateParameters: false);
        string Issuer(HttpContext http) => $"http://{http.Request.Host}";
        app.MapGet("/.well-known/openid-configuration", (HttpContext http) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer(http),
            ["jwks_uri"] = $"{Issuer(http)}/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(publicKey.Modulus!), ["e"] = Base64UrlEncoder.Encode(publicKey.Exponent!),
                },
            },
        }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new StandInOidcProvider(app, signingKey, new Uri(address.TrimEnd('/')));
    }

    /// <summary>The Auth section of an app that trusts this provider: no local key, no issuer of its own.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Auth:Authority", Authority.ToString().TrimEnd('/')),
        new("Auth:RequireHttpsMetadata", "false"), // loopback in a test; production's authority is HTTPS
        new("Auth:Audience", TestAuth.Audience),
        new("Auth:Issuer", null),
        new("Auth:SigningKey", null),
    ];

    /// <summary>A token as the provider issues it: RS256 with its key, its issuer, the Kyodo audience.</summary>
    public string Mint(TokenRequest request) =>
        TokenMinter.Mint(_signingKey, Authority.ToString().TrimEnd('/'), TestAuth.Audience, request);

    /// <summary>A token of the same form signed by a key the provider never published (same key id).</summary>
    public string MintWithAnotherKey(TokenRequest request) =>
        TokenMinter.Mint(new RsaSecurityKey(RSA.Create(2048)) { KeyId = KeyId }, Authority.ToString().TrimEnd('/'), TestAuth.Audience,
            request);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signingKey.Rsa?.Dispose();
    }
}
