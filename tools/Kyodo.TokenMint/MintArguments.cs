using Kyodo.Security;

/// <summary>The command line of the token command, checked before anything is signed.</summary>
internal sealed record MintArguments(TokenRequest? Request, string? Error)
{
    public const string Usage =
        "usage: Kyodo.TokenMint --municipality CODE --role admin|editor|viewer|system [--departments ID,ID] [--subject NAME] [--scopes S,"
        + "S] [--minutes N]\n" +
        "       Kyodo.TokenMint --prefecture NN --role prefecture [--subject NAME] [--minutes N]";

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
        var prefecture = values.GetValueOrDefault("prefecture");
        // A prefecture's office reads its prefecture's municipalities: a prefecture code, no municipality.
        if (role == KyodoRoles.Prefecture)
        {
            if (prefecture is not { Length: 2 } || !prefecture.All(char.IsAsciiDigit) || prefecture is "00"
                || string.CompareOrdinal(prefecture, "47") > 0)
                return new(null,
                    "--prefecture must be a prefecture code, 2 digits from 01 to 47 (the first two of its municipalities' codes)");
            if (municipality is not null)
                return new(null, "--municipality is not for the role prefecture: it reads its prefecture's municipalities");
        }
        else if (prefecture is not null) return new(null, "--prefecture is for the role prefecture only");
        // A system caller may reach every municipality by scope instead of naming one.
        if (municipality is null && role is not (KyodoRoles.System or KyodoRoles.Prefecture))
            return new(null, "--municipality is required");
        if (municipality is not null && (municipality.Length != 5 || !municipality.All(char.IsAsciiDigit)))
            return new(null, "--municipality must be a 5-digit local-government code");
        if (!int.TryParse(values.GetValueOrDefault("minutes", "60"), out var minutes) || minutes is < 1 or > 24 * 60)
            return new(null, "--minutes must be between 1 and 1440");

        return new(new TokenRequest(
            values.GetValueOrDefault("subject", $"{role}@{municipality ?? prefecture ?? "system"}"),
            municipality,
            [role],
            Split(values.GetValueOrDefault("departments")),
            Split(values.GetValueOrDefault("scopes")))
        {
            Lifetime = TimeSpan.FromMinutes(minutes),
            Prefecture = prefecture,
        }, null);
    }

    private static string[] Split(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
