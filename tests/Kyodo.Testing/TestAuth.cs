using Kyodo.Security;

namespace Kyodo.Testing;

/// <summary>
/// The token settings every service, gateway and client under test shares, and tokens minted
/// with them. The key is a test-only constant (public in this repository, never a secret).
/// </summary>
public static class TestAuth
{
    public const string Issuer = "kyodo-tests";
    public const string Audience = "kyodo";
    public const string SigningKey = "dGVzdC1vbmx5LWt5b2RvLXNpZ25pbmcta2V5LTMyLWJ5dGVzIQ==";

    public static AuthOptions Options => new() { Issuer = Issuer, Audience = Audience, SigningKey = SigningKey };

    /// <summary>The Auth section as configuration keys, for a service or gateway under test.</summary>
    public static Dictionary<string, string?> Settings => new()
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:SigningKey"] = SigningKey,
    };

    public static string Mint(TokenRequest request) => TokenMinter.Mint(Options, request);

    /// <summary>
    /// The harness's own caller: a system with every scope in every municipality, so tests that
    /// are not about authorization exercise the services as an operator's tooling would.
    /// </summary>
    public static string SystemToken() => SystemTokenAs("kyodo-tests");

    /// <summary>The harness's all-powerful system token under another subject (who history and audit rows name).</summary>
    public static string SystemTokenAs(string subject) => Mint(new TokenRequest(
        subject, null, [KyodoRoles.System], null,
        [KyodoScopes.Read, KyodoScopes.Write, KyodoScopes.Admin, KyodoScopes.AllMunicipalities]));

    /// <summary>A system caller's token with exactly <paramref name="scopes"/>, of one municipality unless it names
    /// kyodo.all-municipalities.</summary>
    public static string SystemToken(string? municipality, params string[] scopes) => Mint(new TokenRequest(
        $"system@{municipality ?? "all"}", municipality, [KyodoRoles.System], null, scopes));

    /// <summary>
    /// Tokens every service must refuse (UNAUTHENTICATED), by what is wrong with them; null is no token at all.
    /// Each would otherwise be the harness's all-powerful system token.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> BadTokens()
    {
        var system = new TokenRequest("kyodo-tests", null, [KyodoRoles.System], null,
            [KyodoScopes.Read, KyodoScopes.Write, KyodoScopes.Admin, KyodoScopes.AllMunicipalities]);
        var otherKey = new AuthOptions
        {
            Issuer = Issuer, Audience = Audience,
            SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray())
        };
        var signed = Mint(system);
        return new Dictionary<string, string?>
        {
            ["missing"] = null,
            ["expired"] = Mint(system with { NotBefore = DateTime.UtcNow.AddHours(-2), Lifetime = TimeSpan.FromHours(1) }),
            ["not yet valid"] = Mint(system with { NotBefore = DateTime.UtcNow.AddHours(1) }),
            ["wrong audience"] = Mint(system with { Audience = "someone-else" }),
            ["wrong issuer"] = Mint(system with { Issuer = "evil-issuer" }),
            ["forged signature"] = TokenMinter.Mint(otherKey, system),
            ["unsigned"] = string.Join('.', signed.Split('.')[..2]) + ".",
            ["garbage"] = "not-a-jwt",
        };
    }

    /// <summary>A prefecture's office: the role prefecture with the prefecture claim (2 digits), no municipality.</summary>
    public static string PrefectureToken(string prefecture) =>
        Mint(new TokenRequest($"prefecture@{prefecture}", null, [KyodoRoles.Prefecture]) { Prefecture = prefecture });

    /// <summary>A city user's token: one municipality, the given role and departments.</summary>
    public static string UserToken(string municipality, string role, params Guid[] departments) => Mint(new TokenRequest(
        $"{role}@{municipality}", municipality, [role], departments.Select(d => d.ToString()).ToArray()));
}
