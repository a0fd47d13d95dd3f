using System.Security.Cryptography;
using Kyodo.Security;
using Microsoft.IdentityModel.Tokens;

namespace Kyodo.ServiceDefaults.Tests;

// The checks the gateway and every service apply to a bearer token, on tokens from the
// same minter the token command uses. Negative cases first.
public sealed class TokenValidationTests
{
    private static readonly AuthOptions Options = new()
    {
        Issuer = "kyodo-test", Audience = "kyodo", SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ClockSkew = TimeSpan.FromSeconds(5),
    };

    private static readonly TokenRequest Editor = new("editor-1", "35203", [KyodoRoles.Editor], ["d1", "d2"]);

    private static async Task<TokenValidationResult> Validate(string token) =>
        await new CachingTokenHandler().ValidateTokenAsync(token, TokenValidation.Parameters(Options));

    [Fact]
    public async Task AnExpiredTokenIsRejected() =>
        Assert.IsType<SecurityTokenExpiredException>((await Validate(TokenMinter.Mint(Options,
            Editor with { NotBefore = DateTime.UtcNow.AddHours(-2), Lifetime = TimeSpan.FromHours(1) }))).Exception);

    [Fact]
    public async Task ATokenNotYetValidIsRejected() =>
        Assert.IsType<SecurityTokenNotYetValidException>((await Validate(TokenMinter.Mint(Options,
            Editor with { NotBefore = DateTime.UtcNow.AddMinutes(10) }))).Exception);

    [Fact]
    public async Task ATokenForAnotherAudienceIsRejected() =>
        Assert.IsType<SecurityTokenInvalidAudienceException>(
            (await Validate(TokenMinter.Mint(Options, Editor with { Audience = "someone-else" }))).Exception);

    [Fact]
    public async Task ATokenFromAnotherIssuerIsRejected() =>
        Assert.IsType<SecurityTokenInvalidIssuerException>(
            (await Validate(TokenMinter.Mint(Options, Editor with { Issuer = "evil" }))).Exception);

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIsRejected()
    {
        var forged = TokenMinter.Mint(new AuthOptions
        {
            Issuer = Options.Issuer, Audience = Options.Audience, SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }, Editor);
        var result = await Validate(forged);
        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenSignatureKeyNotFoundException>(result.Exception);
    }

    [Fact]
    public async Task AnUnsignedTokenIsRejected()
    {
        var signed = TokenMinter.Mint(Options, Editor);
        var unsigned = string.Join('.', signed.Split('.')[..2]) + ".";
        Assert.False((await Validate(unsigned)).IsValid);
    }

    [Fact]
    public async Task AValidTokenCarriesSubjectMunicipalityDepartmentsAndRole()
    {
        var result = await Validate(TokenMinter.Mint(Options, Editor));

        Assert.True(result.IsValid, result.Exception?.Message);
        var identity = result.ClaimsIdentity;
        Assert.Equal("editor-1", identity.Name);
        Assert.Equal("35203", identity.FindFirst(KyodoClaims.Municipality)?.Value);
        Assert.Equal(["d1", "d2"], identity.FindAll(KyodoClaims.Department).Select(c => c.Value));
        Assert.True(identity.HasClaim(KyodoClaims.Role, KyodoRoles.Editor));
    }

    [Fact]
    public void AMissingAuthSectionStopsTheServiceFromStarting()
    {
        var empty = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var ex = Assert.Throws<InvalidOperationException>(() => TokenValidation.Read(empty));
        Assert.Contains("Auth:Audience", ex.Message);
    }
}
