using Kyodo.Security;
using Microsoft.Extensions.Configuration;

namespace Kyodo.Cli.Connection;

/// <summary>
/// The token every call carries: <c>--token</c>, else <c>KYODO_TOKEN</c>, else one minted here
/// from the local Auth settings (<c>Auth__Issuer</c>, <c>Auth__Audience</c>, <c>Auth__SigningKey</c>,
/// as <c>./dev</c> exports them) for an operator's tool: a system caller with every scope.
/// </summary>
internal static class BearerToken
{
    public const string OperatorSubject = "kyodo-cli";

    public static readonly string[] OperatorScopes =
        [KyodoScopes.Read, KyodoScopes.Write, KyodoScopes.Admin, KyodoScopes.AllMunicipalities];

    /// <summary>The token to send, or null when none is given and there is no local key to mint one.</summary>
    public static string? Resolve(CommandLine line, CliConsole console)
    {
        if (line.Option("token") is { Length: > 0 } given) return given;
        if (console.Environment("KYODO_TOKEN") is { Length: > 0 } fromEnvironment) return fromEnvironment;
        var options = LocalAuth(console);
        if (options is null) return null;
        return TokenMinter.Mint(options, new TokenRequest(OperatorSubject, null, [KyodoRoles.System], null, OperatorScopes));
    }

    /// <summary>The local signing settings from the environment, or null when they are not all there.</summary>
    public static AuthOptions? LocalAuth(CliConsole console)
    {
        var values = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = console.Environment("Auth__Issuer"),
            ["Auth:Audience"] = console.Environment("Auth__Audience"),
            ["Auth:SigningKey"] = console.Environment("Auth__SigningKey"),
        };
        if (values.Values.Any(string.IsNullOrEmpty)) return null;
        return TokenValidation.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }
}
