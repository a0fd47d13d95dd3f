using Kyodo.Reporting.Rebuild;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Kyodo.Reporting.Tests;

/// <summary>The rebuild command's arguments and token; what it rebuilds is tested end to end (Kyodo.EndToEnd.Tests).</summary>
public sealed class RebuildCommandTests
{
    [Theory]
    [InlineData("rebuild", "--municipality", "2020")]
    [InlineData("rebuild", "--municipality", "２０２０８")]
    [InlineData("rebuild", "--all")]
    [InlineData("rebuild", "--municipality")]
    public async Task BadArgumentsExitWithTwoBeforeCallingAnything(params string[] args)
    {
        // Nothing listens on these addresses: a call would fail with 1, not 2.
        await using var app = ReportingApp.Create([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Reporting"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none",
            ["Services:Plan"] = "http://127.0.0.1:1", ["Services:Budget"] = "http://127.0.0.1:1", ["Services:Subsidy"] = "http://127.0.0.1:1",
        }));

        Assert.True(RebuildCommand.Matches(args));
        Assert.Equal(2, await RebuildCommand.RunAsync(app, args));
    }

    [Fact]
    public void AConfiguredTokenIsUsedAsIsAndOtherwiseOneIsMintedForASystemReaderOfEveryMunicipality()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Rebuild:BearerToken"] = "from-the-identity-provider",
        }).Build();
        Assert.Equal("from-the-identity-provider", RebuildToken.From(configured, TimeSpan.FromMinutes(5)));

        var local = new ConfigurationBuilder().AddInMemoryCollection(TestAuth.Settings).Build();
        var token = new JsonWebToken(RebuildToken.From(local, TimeSpan.FromMinutes(5)));
        Assert.Equal((TestAuth.Issuer, TestAuth.Audience), (token.Issuer, token.Audiences.Single()));
        Assert.Equal([KyodoRoles.System], token.Claims.Where(c => c.Type == KyodoClaims.Role).Select(c => c.Value));
        Assert.Equal($"{KyodoScopes.Read} {KyodoScopes.AllMunicipalities}", token.GetClaim(KyodoClaims.Scope).Value);
        Assert.False(token.TryGetClaim(KyodoClaims.Municipality, out _));
        Assert.InRange(token.ValidTo - token.ValidFrom, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

        Assert.Null(RebuildToken.From(new ConfigurationBuilder().Build(), TimeSpan.FromMinutes(5))); // neither: the command warns and calls without
    }
}
