namespace Kyodo.Cli.Tests;

/// <summary>The test project's small seed document (Samples/sample.yaml) and broken copies of it, written into a test's
/// <see cref="TempFolder"/>.</summary>
public static class SampleDocument
{
    public const string Municipality = "99001";

    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Samples", "sample.yaml");

    public static string Text => File.ReadAllText(Path);

    /// <summary>An intact copy of the sample in another municipality.</summary>
    public static string Copy(TempFolder folder, string municipality, string? name = null) =>
        Broken(folder, "format: kyodo-seed/1", "format: kyodo-seed/1", municipality, name).File;

    /// <summary>
    /// A copy with <paramref name="find"/> replaced (exactly once), moved to another municipality
    /// so nothing of it can be confused with the intact sample; returns the file (named
    /// <paramref name="name"/>, else a name of its own) and the 1-based line the change is on,
    /// counted in the written file.
    /// </summary>
    public static (string File, int Line) Broken(TempFolder folder, string find, string replace, string municipality, string? name = null)
    {
        var text = Text.Replace($"code: \"{Municipality}\"", $"code: \"{municipality}\"");
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"'{find}' must occur once in the sample");
        text = text[..at] + replace + text[(at + find.Length)..];
        var line = text[..at].Count(c => c == '\n') + 1;
        var file = folder.File(name ?? $"sample-{municipality}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, text);
        return (file, line);
    }
}
