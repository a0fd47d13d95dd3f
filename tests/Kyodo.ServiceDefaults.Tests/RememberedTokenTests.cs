using System.Security.Claims;
using System.Security.Cryptography;
using Kyodo.Security;
using Microsoft.IdentityModel.Tokens;

namespace Kyodo.ServiceDefaults.Tests;

// The gateway and the services remember tokens they found valid (CachingTokenHandler): a remembered
// token must still expire, and nothing but the very same text may be answered from memory.
public sealed class RememberedTokenTests
{
    private static readonly AuthOptions Options = new()
    {
        Issuer = "kyodo-test", Audience = "kyodo", SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ClockSkew = TimeSpan.Zero,
    };

    private static readonly TokenRequest Editor = new("editor-1", "35203", [KyodoRoles.Editor], ["d1"]);

    private readonly CachingTokenHandler _handler = new();

    private Task<TokenValidationResult> Validate(string token) => _handler.ValidateTokenAsync(token, TokenValidation.Parameters(Options));

    [Fact]
    public async Task ARememberedTokenIsRefusedOnceItExpires()
    {
        var token = TokenMinter.Mint(Options, Editor with { Lifetime = TimeSpan.FromSeconds(1) });
        Assert.True((await Validate(token)).IsValid);
        Assert.True((await Validate(token)).IsValid);

        await Task.Delay(TimeSpan.FromSeconds(2.2)); // past its exp (whole seconds) with no clock skew allowed

        var late = await Validate(token);
        Assert.False(late.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(late.Exception);
    }

    [Fact]
    public async Task ACopyOfARememberedTokenWithAnotherSignatureIsRejected()
    {
        var token = TokenMinter.Mint(Options, Editor);
        Assert.True((await Validate(token)).IsValid);

        var parts = token.Split('.');
        var forged = TokenMinter.Mint(new AuthOptions
        {
            Issuer = Options.Issuer, Audience = Options.Audience, SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }, Editor).Split('.')[2];
        var result = await Validate($"{parts[0]}.{parts[1]}.{forged}");

        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenSignatureKeyNotFoundException>(result.Exception);
    }

    [Fact]
    public async Task ARememberedTokenCarriesTheSameClaimsInAnIdentityOfItsOwn()
    {
        var token = TokenMinter.Mint(Options, Editor);
        var first = (await Validate(token)).ClaimsIdentity;
        first.AddClaim(new Claim(KyodoClaims.Role, KyodoRoles.Admin)); // what one request does to its identity

        var second = await Validate(token);

        Assert.True(second.IsValid);
        Assert.NotSame(first, second.ClaimsIdentity);
        Assert.Equal("editor-1", second.ClaimsIdentity.Name);
        Assert.Equal(["d1"], second.ClaimsIdentity.FindAll(KyodoClaims.Department).Select(c => c.Value));
        Assert.False(second.ClaimsIdentity.HasClaim(KyodoClaims.Role, KyodoRoles.Admin));
    }
}
