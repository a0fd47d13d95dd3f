using Grpc.Core;
using Kyodo.Security;
using Microsoft.Extensions.Configuration;

namespace Kyodo.Budget.Benchmarks;

/// <summary>
/// The benchmark's bearer token: a system caller with read and write scopes in every
/// municipality, signed with the local Auth key that `./dev` exports (Auth__Issuer,
/// Auth__Audience, Auth__SigningKey), or taken as is from KYODO_TOKEN.
/// </summary>
public static class BenchmarkToken
{
    public static CallCredentials Credentials()
    {
        var token = Environment.GetEnvironmentVariable("KYODO_TOKEN") is { Length: > 0 } given ? given : Mint();
        return CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
    }

    private static string Mint()
    {
        var options = TokenValidation.Read(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        return TokenMinter.Mint(options, new TokenRequest(
            "kyodo-budget-benchmarks", null, [KyodoRoles.System], null,
            [KyodoScopes.Read, KyodoScopes.Write, KyodoScopes.Admin, KyodoScopes.AllMunicipalities])
        { Lifetime = TimeSpan.FromHours(2) });
    }
}
