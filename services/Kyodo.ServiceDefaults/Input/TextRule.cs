namespace Kyodo.ServiceDefaults.Input;

/// <summary>
/// What a text field of a request may hold: at most <see cref="MaxLength"/> characters (UTF-16
/// code units, as .NET and the database's varchar count them), and line breaks and tabs only when
/// <see cref="MultiLine"/>. Never NUL, other C0 or C1 control characters, or lone surrogates
/// (<see cref="TextHygiene"/>). Each service's domain says which rule each of its texts follows.
/// </summary>
public sealed record TextRule(int MaxLength, bool MultiLine)
{
    /// <summary>One line of at most <paramref name="maxLength"/> characters: a name, a code, a number as text.</summary>
    public static TextRule Line(int maxLength) => new(maxLength, MultiLine: false);

    /// <summary>Prose that may run over several lines (tab, CR and LF allowed).</summary>
    public static TextRule Lines(int maxLength) => new(maxLength, MultiLine: true);

    /// <summary>What a field that no table names gets (a test lists such fields, so each is decided).</summary>
    public static readonly TextRule Undeclared = Line(1_000);

    public override string ToString() => $"{(MultiLine ? "lines" : "one line")}, at most {MaxLength:N0} characters";
}
