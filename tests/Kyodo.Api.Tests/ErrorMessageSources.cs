using System.Text.RegularExpressions;

namespace Kyodo.Api.Tests;

/// <summary>
/// Finds, in C# source text, every message a service hands to Kyodo's error helpers (the exceptions
/// ErrorInterceptor maps, FieldViolation, RequestValidation.Check) and says which of them write
/// their own text instead of naming a catalogue message. It reads text, not syntax trees, so it
/// knows only what it needs: string literals (plain, verbatim, interpolated with nested holes, raw),
/// character literals, comments, and bracket depth to split the arguments of a call.
/// </summary>
public static partial class ErrorMessageSources
{
    /// <summary>A helper call found at <see cref="Line"/>, and the argument that carries its message.</summary>
    public sealed record Call(string Helper, int Line, string Message);

    // Helper and the position of its message argument: a domain rule's reason and a violation's field come first.
    private static readonly Dictionary<string, int> MessageArgument = new(StringComparer.Ordinal)
    {
        ["DomainRuleException"] = 1,
        ["FieldViolation"] = 1,
        ["AlreadyExistsException"] = 0,
        ["PermissionDeniedException"] = 0,
        ["ConcurrencyConflictException"] = 0,
        ["DependencyUnavailableException"] = 0,
        ["UnauthenticatedException"] = 0,
        ["Check"] = 2,
        ["new"] = 1, // a target-typed new("REASON", …) of a DomainRuleException
    };

    [GeneratedRegex(
        """new\s+(?:[A-Za-z_.]*\.)?(?<helper>DomainRuleException|FieldViolation|AlreadyExistsException|PermissionDeniedException|"""
        + """ConcurrencyConflictException|DependencyUnavailableException|UnauthenticatedException)\s*\(|"""
        + """(?<receiver>[\w)\]]+)\s*\.\s*(?<helper>Check)\s*\(|(?<helper>new)\(\s*"[A-Z][A-Z0-9_]+"\s*,""")]
    private static partial Regex HelperCall();

    public static IReadOnlyList<Call> Calls(string source)
    {
        var code = Blank(source);
        var calls = new List<Call>();
        foreach (Match match in HelperCall().Matches(code))
        {
            var helper = match.Groups["helper"].Value;
            // RequestValidation's Check is called on an instance; a static Check (AwardRules.Check) is another method.
            if (helper == "Check" && char.IsUpper(match.Groups["receiver"].Value[0])) continue;
            var open = helper == "new" ? match.Index + 3 : match.Index + match.Length - 1;
            var arguments = Arguments(code, open);
            var index = MessageArgument[helper];
            if (arguments.Count <= index) continue; // another overload (a string-only field check has no message)
            calls.Add(new Call(helper, 1 + source.AsSpan(0, match.Index).Count('\n'), arguments[index].Trim()));
        }
        return calls;
    }

    /// <summary>
    /// A message that names a catalogue (PlanErrors.X, SharedMessages.Y(…), either of two in a
    /// conditional) and writes no text of its own: no string literal outside the catalogue call's parentheses.
    /// </summary>
    public static bool NamesACatalogue(string message, IReadOnlyCollection<string> catalogues)
    {
        if (!catalogues.Any(c => Regex.IsMatch(message, $@"\b{c}\.\w+"))) return false;
        var depth = 0;
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth--;
            else if (depth == 0 && StringStart(message, i) is not null) return false;
            else if (StringStart(message, i) is { } length) i = SkipString(message, i, length) - 1;
        }
        return true;
    }

    /// <summary>The top-level arguments of the call whose '(' is at <paramref name="open"/> (comments blanked).</summary>
    private static List<string> Arguments(string code, int open)
    {
        var arguments = new List<string>();
        var depth = 0;
        var start = open + 1;
        for (var i = open; i < code.Length; i++)
        {
            var c = code[i];
            if (StringStart(code, i) is { } length)
            {
                i = SkipString(code, i, length) - 1;
                continue;
            }
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}')
            {
                if (--depth == 0)
                {
                    arguments.Add(code[start..i]);
                    return arguments;
                }
            }
            else if (c == ',' && depth == 1)
            {
                arguments.Add(code[start..i]);
                start = i + 1;
            }
        }
        return arguments;
    }

    /// <summary>The source with comments blanked (same length, so positions hold): a comment's quote must not open a string.</summary>
    private static string Blank(string source)
    {
        var text = source.ToCharArray();
        for (var i = 0; i < text.Length; i++)
        {
            if (StringStart(source, i) is { } length)
            {
                i = SkipString(source, i, length) - 1;
            }
            else if (source[i] == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                for (; i < text.Length && text[i] != '\n'; i++) text[i] = ' ';
            }
            else if (source[i] == '/' && i + 1 < source.Length && source[i + 1] == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                for (; i < end; i++) if (text[i] != '\n') text[i] = ' ';
                i--;
            }
        }
        return new string(text);
    }

    /// <summary>The length of a literal's opening ($@", $""", ", ', …) at <paramref name="i"/>, or null.</summary>
    private static int? StringStart(string s, int i)
    {
        var j = i;
        while (j < s.Length && s[j] is '$' or '@') j++;
        if (j >= s.Length || (s[j] != '"' && !(s[j] == '\'' && j == i))) return null;
        if (j > i && i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] == '_')) return null;
        return j - i + 1;
    }

    /// <summary>The index just after the literal that opens at <paramref name="i"/>.</summary>
    private static int SkipString(string s, int i, int openLength)
    {
        var prefix = s.Substring(i, openLength - 1);
        var interpolated = prefix.Contains('$');
        var verbatim = prefix.Contains('@');
        var quote = s[i + openLength - 1];
        var j = i + openLength;
        if (quote == '\'')
        {
            while (j < s.Length && s[j] != '\'') j += s[j] == '\\' ? 2 : 1;
            return j + 1;
        }
        var quotes = 1;
        while (j < s.Length && s[j] == '"') { quotes++; j++; }
        if (quotes == 2) return j; // ""
        if (quotes >= 3) // raw string literal: ends at the same run of quotes
        {
            var close = new string('"', quotes);
            var end = s.IndexOf(close, j, StringComparison.Ordinal);
            return end < 0 ? s.Length : end + quotes;
        }
        while (j < s.Length)
        {
            var c = s[j];
            if (!verbatim && c == '\\') { j += 2; continue; }
            if (c == '"')
            {
                if (verbatim && j + 1 < s.Length && s[j + 1] == '"') { j += 2; continue; }
                return j + 1;
            }
            if (interpolated && c == '{')
            {
                if (j + 1 < s.Length && s[j + 1] == '{') { j += 2; continue; }
                var depth = 1;
                j++;
                while (j < s.Length && depth > 0)
                {
                    if (StringStart(s, j) is { } length) { j = SkipString(s, j, length); continue; }
                    if (s[j] == '{') depth++;
                    else if (s[j] == '}') depth--;
                    j++;
                }
                continue;
            }
            j++;
        }
        return j;
    }
}
