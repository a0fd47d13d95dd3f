using System.Globalization;

namespace Kyodo.Security;

public enum ErrorLanguage { Japanese, English }

/// <summary>
/// Which language an error message is sent in: the caller's <c>accept-language</c> (gRPC metadata;
/// over REST the Accept-Language header, which transcoding passes on as the same metadata), by its
/// quality values, among Japanese and English; else the deployment's default, the setting
/// <c>Errors:DefaultLanguage</c> (<c>ja</c> or <c>en</c>; English when unset, Japanese in the shipped
/// Kubernetes and Compose configuration). Field names in a BadRequest stay the proto's in both.
/// </summary>
public sealed class ErrorLanguages(ErrorLanguage fallback)
{
    public const string SettingKey = "Errors:DefaultLanguage";

    public ErrorLanguage Default => fallback;

    public static ErrorLanguages FromSetting(string? setting) => new(Parse(setting) ?? (string.IsNullOrWhiteSpace(setting)
        ? ErrorLanguage.English
        : throw new InvalidOperationException($"{SettingKey} must be 'ja' or 'en', not '{setting}'.")));

    /// <summary>The language <paramref name="acceptLanguage"/> prefers most among those Kyodo speaks.</summary>
    public ErrorLanguage Negotiate(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage)) return fallback;
        ErrorLanguage? best = null;
        var bestQuality = 0.0;
        foreach (var range in acceptLanguage.Split(','))
        {
            var parts = range.Split(';');
            var quality = 1.0;
            foreach (var parameter in parts.Skip(1))
            {
                var pair = parameter.Split('=', 2);
                if (pair.Length == 2 && pair[0].Trim() == "q"
                    && !double.TryParse(pair[1].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality))
                    quality = 0;
            }
            var language = parts[0].Trim() == "*" ? fallback : Parse(parts[0]);
            if (language is not null && quality > bestQuality) (best, bestQuality) = (language, quality);
        }
        return best ?? fallback;
    }

    /// <summary>ja, ja-JP → Japanese; en, en-US → English; anything else → null.</summary>
    private static ErrorLanguage? Parse(string? tag)
    {
        var primary = tag?.Trim().Split('-')[0].ToLowerInvariant();
        return primary switch { "ja" => ErrorLanguage.Japanese, "en" => ErrorLanguage.English, _ => null };
    }
}
