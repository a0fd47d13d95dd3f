using System.Text;

namespace Kyodo.Security;

/// <summary>
/// What an error message may repeat of a caller's input: a short prefix and the length. A message
/// travels in the response's trailers (grpc-message, grpc-status-details-bin), which every HTTP/2 peer
/// on the way must decode in full; a message that copied a 40,000-character value made the gateway's
/// HPACK decoder give up on the whole connection it shares with other callers. Here because the
/// gateway and the services both answer with text a caller sent.
/// </summary>
public static class Echo
{
    /// <summary>The most characters of a caller's value a message repeats.</summary>
    public const int PrefixLength = 40;

    /// <summary>
    /// <c>'20208'</c> for a short value; <c>'2020820208…' (40,000 characters)</c> for a long one.
    /// Control characters and lone surrogates are shown as <c>U+XXXX</c>, so what is echoed is
    /// always printable and encodable.
    /// </summary>
    public static string Of(string? value)
    {
        if (value is null) return "''";
        var shown = Printable(value.Length <= PrefixLength ? value : Prefix(value));
        return value.Length <= PrefixLength ? $"'{shown}'" : $"'{shown}…' ({value.Length:N0} characters)";
    }

    /// <summary>The same for a Japanese message: <c>「20208」</c>, or <c>「2020820208…」（40,000 文字）</c>.</summary>
    public static string InJapanese(string? value)
    {
        if (value is null) return "「」";
        var shown = Printable(value.Length <= PrefixLength ? value : Prefix(value));
        return value.Length <= PrefixLength ? $"「{shown}」" : $"「{shown}…」（{value.Length:N0} 文字）";
    }

    /// <summary>The first <see cref="PrefixLength"/> characters, never ending half-way through a surrogate pair.</summary>
    private static string Prefix(string value)
    {
        var length = PrefixLength;
        if (char.IsHighSurrogate(value[length - 1])) length--;
        return value[..length];
    }

    private static string Printable(string value)
    {
        if (!NeedsEscaping(value)) return value;
        var text = new StringBuilder(value.Length + 16);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                text.Append($"U+{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }

    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
            if (char.IsControl(c) || char.IsSurrogate(c)) return true;
        return false;
    }
}
