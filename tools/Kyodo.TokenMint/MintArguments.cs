using Kyodo.Security;

/// <summary>The command line of the token command, checked before anything is signed.</summary>
internal sealed record MintArguments(TokenRequest? Request, string? Error)
{
    public const string Usage =
        "usage: Kyodo.TokenMint --municipality CODE --role admin|editor|viewer|system [--departments ID,ID] [--subject NAME] [--scopes S,S] [--minutes N]";

    public static MintArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                return new(null, $"unexpected argument '{args[i]}'");
            values[args[i][2..]] = args[++i];
        }

        var role = values.GetValueOrDefault("role");
        if (role is null || !KyodoRoles.All.Contains(role)) return new(null, "--role must be one of " + string.Join(", ", KyodoRoles.All));
        var municipality = values.GetValueOrDefault("municipality");
        // A system caller may reach every municipality by scope instead of naming one.
        if (municipality is null && role != KyodoRoles.System) return new(null, "--municipality is required");
        if (municipality is not null && (municipality.Length != 5 || !municipality.All(char.IsAsciiDigit)))
            return new(null, "--municipality must be a 5-digit local-government code");
        if (!int.TryParse(values.GetValueOrDefault("minutes", "60"), out var minutes) || minutes is < 1 or > 24 * 60)
            return new(null, "--minutes must be between 1 and 1440");

        return new(new TokenRequest(
            values.GetValueOrDefault("subject", $"{role}@{municipality ?? "system"}"),
            municipality,
            [role],
            Split(values.GetValueOrDefault("departments")),
            Split(values.GetValueOrDefault("scopes")))
        {
            Lifetime = TimeSpan.FromMinutes(minutes),
        }, null);
    }

    private static string[] Split(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
