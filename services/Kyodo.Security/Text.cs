namespace Kyodo.Security;

/// <summary>
/// A message for people in both languages Kyodo answers in (here, beside the token rules, because the
/// gateway and every service must speak alike; the services' exceptions carry it). The error interceptor sends the one
/// the caller asked for (<see cref="ErrorLanguages"/>); logs keep the English. A plain string given
/// where a Text is expected is a message not yet translated: the same English in both.
/// </summary>
public sealed record Text(string Japanese, string English)
{
    public string In(ErrorLanguage language) => language == ErrorLanguage.Japanese ? Japanese : English;

    public static Text Untranslated(string english) => new(english, english);

    public static implicit operator Text(string english) => Untranslated(english);

    public override string ToString() => English;
}
