using PdfSharp.Fonts;

namespace Kyodo.Printing;

/// <summary>
/// The one font the sheets are printed in: IPAex Gothic (IPAexゴシック, Debian's fonts-ipaexfont-gothic,
/// installed by scripts/fonts.sh and the reporting Dockerfile), a TrueType font PDFsharp embeds as a
/// subset, with the Unicode map that lets a reader extract and search the text. Bold is simulated.
/// Printing__FontFile (environment) names another file; without any, printing fails naming the package.
/// </summary>
public sealed class PrintFonts : IFontResolver
{
    public const string Family = "IPAexGothic";

    /// <summary>Where Debian and Ubuntu install it.</summary>
    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    ];

    private static readonly Lazy<byte[]> FontBytes = new(Load);
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Makes PDFsharp use this resolver (once per process: PDFsharp allows one).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            _ = FontBytes.Value; // fail here, naming the package, rather than deep inside a page
            GlobalFontSettings.FontResolver = new PrintFonts();
            _registered = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(Family, isBold, isItalic);

    public byte[]? GetFont(string faceName) => FontBytes.Value;

    private static byte[] Load()
    {
        var configured = Environment.GetEnvironmentVariable("Printing__FontFile");
        var path = configured is { Length: > 0 } ? configured : Candidates.FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
            throw new FileNotFoundException(
                $"No Japanese font to print with: install Debian's fonts-ipaexfont-gothic (scripts/fonts.sh), or set Printing__FontFile to "
                + $"a TrueType font. Looked at {configured ?? string.Join(", ", Candidates)}.");
        return File.ReadAllBytes(path);
    }
}
