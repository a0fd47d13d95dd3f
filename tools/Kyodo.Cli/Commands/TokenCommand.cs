using Kyodo.Cli.Connection;
using Kyodo.Security;

namespace Kyodo.Cli.Commands;

/// <summary>
/// <c>kyodo token</c>: a token signed with the local development key, the same options as
/// <c>./dev token</c> (tools/Kyodo.TokenMint). Production tokens come from the OIDC provider.
/// </summary>
internal static class TokenCommand
{
    public static int Run(string[] args, CliConsole console)
    {
        var arguments = MintArguments.Parse(args);
        if (arguments.Error is { } error) throw new UsageException(error);
        var options = BearerToken.LocalAuth(console)
            ?? throw new UsageException("no local signing key: set Auth__Issuer, Auth__Audience and Auth__SigningKey (./dev exports them)");
        console.Out.WriteLine(TokenMinter.Mint(options, arguments.Request!));
        return ExitCodes.Ok;
    }
}
