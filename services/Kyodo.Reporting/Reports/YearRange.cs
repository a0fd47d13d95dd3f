namespace Kyodo.Reporting.Reports;

/// <summary>
/// A report's fiscal years as requests give them: from and to inclusive, to = 0 meaning from
/// only, and (where a report allows it) from = 0 meaning every year the data holds.
/// </summary>
internal readonly record struct YearRange(int From, int To)
{
    public bool All => From == 0;

    public static YearRange Of(int from, int to) => new(from, from == 0 ? 0 : to == 0 ? from : to);

    public bool Contains(int year) => All || (year >= From && year <= To);

    /// <summary>The years to show: the range, or when it is open the years <paramref name="held"/> names.</summary>
    public List<int> Years(IEnumerable<int> held) =>
        All ? held.Distinct().Order().ToList() : Enumerable.Range(From, To - From + 1).ToList();
}
