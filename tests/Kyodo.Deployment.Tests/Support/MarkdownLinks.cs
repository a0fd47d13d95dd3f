using System.Text;
using System.Text.RegularExpressions;

namespace Kyodo.Deployment.Tests.Support;

/// <summary>
/// The links of the repository's markdown files, checked as a clone reads them: a link must name a file
/// or folder inside the repository that exists (and, with a #fragment, a heading of that file), never
/// an address outside it, which a reader without the network or without the files beside the clone
/// could not follow.
/// </summary>
public static partial class MarkdownLinks
{
    /// <summary>Folders that hold no documentation of ours: build output, packages, tools' state.</summary>
    private static readonly HashSet<string> SkippedFolders = ["bin", "obj", "node_modules"];

    /// <summary>Every markdown file under <paramref name="root"/> outside dot-folders, build output and packages.</summary>
    public static IEnumerable<string> FilesUnder(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*.md"))
            yield return file;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var name = Path.GetFileName(folder);
            if (name.StartsWith('.') || SkippedFolders.Contains(name)) continue;
            foreach (var file in FilesUnder(folder)) yield return file;
        }
    }

    /// <summary>One line per link of <paramref name="file"/> that leaves <paramref name="root"/> or finds nothing.</summary>
    public static IEnumerable<string> Problems(string root, string file)
    {
        var text = File.ReadAllText(file);
        var where = Path.GetRelativePath(root, file).Replace('\\', '/');
        foreach (var (line, target) in Links(text))
        {
            var problem = Check(root, file, target);
            if (problem is not null) yield return $"{where}:{line}: ({target}) {problem}";
        }
    }

    private static string? Check(string root, string file, string target)
    {
        if (Scheme().IsMatch(target) || target.StartsWith("//", StringComparison.Ordinal))
            return "points outside the repository";
        var hash = target.IndexOf('#');
        var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var fragment = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
        if (path.StartsWith('/')) return "is an absolute path, outside the repository";

        var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
        var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!(resolved + Path.DirectorySeparatorChar).StartsWith(fullRoot, StringComparison.Ordinal))
            return "points outside the repository";
        if (!File.Exists(resolved) && !Directory.Exists(resolved)) return "names a file that does not exist";
        if (fragment is { Length: > 0 } && File.Exists(resolved) && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
            && !Anchors(File.ReadAllText(resolved)).Contains(fragment))
            return $"names a heading #{fragment} that {Path.GetFileName(resolved)} does not have";
        return null;
    }

    /// <summary>The targets of inline links and images, and of reference definitions, outside code, with their line numbers.</summary>
    public static IEnumerable<(int Line, string Target)> Links(string markdown)
    {
        var lines = WithoutCode(markdown);
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (Match m in InlineLink().Matches(lines[i])) yield return (i + 1, m.Groups["target"].Value);
            var definition = ReferenceDefinition().Match(lines[i]);
            if (definition.Success) yield return (i + 1, definition.Groups["target"].Value);
        }
    }

    /// <summary>
    /// The fragments a heading of <paramref name="markdown"/> answers to, as GitHub makes them: lower case,
    /// punctuation dropped (letters of any script, digits, '-' and '_' kept), spaces as '-', a repeated one numbered.
    /// </summary>
    public static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in WithoutCode(markdown, keepCodeSpans: true))
        {
            var heading = Heading().Match(line);
            if (!heading.Success) continue;
            var slug = new StringBuilder();
            foreach (var c in heading.Groups["text"].Value.Trim().ToLowerInvariant())
                if (char.IsLetterOrDigit(c) || c is '-' or '_') slug.Append(c);
                else if (c == ' ') slug.Append('-');
            var anchor = slug.ToString();
            for (var n = 1; !anchors.Add(anchor); n++) anchor = $"{slug}-{n}";
        }
        return anchors;
    }

    /// <summary>The lines with fenced code blocks blanked and, unless kept, inline code spans removed, so code is never read as
    /// links.</summary>
    private static List<string> WithoutCode(string markdown, bool keepCodeSpans = false)
    {
        var result = new List<string>();
        string? fence = null;
        foreach (var line in markdown.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (fence is null
                && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                result.Add("");
            }
            else if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal)) fence = null;
                result.Add("");
            }
            else result.Add(keepCodeSpans ? line : CodeSpan().Replace(line, ""));
        }
        return result;
    }

    [GeneratedRegex(@"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?(?<target>[^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*<?(?<target>\S+?)>?(\s|$)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"(`+)[^`].*?\1")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();
}
