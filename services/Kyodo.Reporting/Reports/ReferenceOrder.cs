namespace Kyodo.Reporting.Reports;

/// <summary>Orders printed references as documents do: by each part, numbers (also circled ①) by value.</summary>
internal sealed class ReferenceOrder : IComparer<string>
{
    public static readonly ReferenceOrder Instance = new();

    public int Compare(string? x, string? y) => string.Compare(Key(x), Key(y), StringComparison.Ordinal);

    private static string Key(string? reference) => string.Join("-", (reference ?? "").Split('-').Select(part =>
    {
        var normalised = part.Normalize(System.Text.NormalizationForm.FormKC);
        var digits = new string(normalised.Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 ? digits.PadLeft(6, '0') + normalised : normalised;
    }));
}
