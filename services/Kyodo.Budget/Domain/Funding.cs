namespace Kyodo.Budget.Domain;

/// <summary>
/// Project cost (事業費) split by funding source (財源), whole yen. Invariant: the cost is
/// the sum of the four sources, always (小諸市 FY2019 市民活動支援事業: 7,320 = 0 + 0 + 347 + 6,973 千円).
/// </summary>
public sealed record Funding
{
    public long CostYen { get; }
    /// <summary>国・県支出金.</summary>
    public long NationalPrefecturalYen { get; }
    /// <summary>地方債.</summary>
    public long LocalBondYen { get; }
    /// <summary>その他.</summary>
    public long OtherYen { get; }
    /// <summary>一般財源.</summary>
    public long GeneralRevenueYen { get; }

    public Funding(long costYen, long nationalPrefecturalYen, long localBondYen, long otherYen, long generalRevenueYen)
    {
        if (SumOfSources(nationalPrefecturalYen, localBondYen, otherYen, generalRevenueYen) != costYen)
            throw new ArgumentException("事業費 must equal the sum of its funding sources.", nameof(costYen));
        CostYen = costYen;
        NationalPrefecturalYen = nationalPrefecturalYen;
        LocalBondYen = localBondYen;
        OtherYen = otherYen;
        GeneralRevenueYen = generalRevenueYen;
    }

    public static readonly Funding Zero = new(0, 0, 0, 0, 0);

    /// <summary>Source by source; a difference of two fundings keeps the invariant too.</summary>
    public Funding Plus(Funding other) => new(checked(CostYen + other.CostYen),
        checked(NationalPrefecturalYen + other.NationalPrefecturalYen),
        checked(LocalBondYen + other.LocalBondYen), checked(OtherYen + other.OtherYen),
        checked(GeneralRevenueYen + other.GeneralRevenueYen));

    public Funding Negated() => new(-CostYen, -NationalPrefecturalYen, -LocalBondYen, -OtherYen, -GeneralRevenueYen);

    public Funding Minus(Funding other) => Plus(other.Negated());

    /// <summary>The sources (by their Japanese names) this funding holds below zero.</summary>
    public IReadOnlyList<string> NegativeSources() => new[]
    {
        (NationalPrefecturalYen, "国・県支出金"), (LocalBondYen, "地方債"), (OtherYen, "その他"), (GeneralRevenueYen, "一般財源"),
    }.Where(s => s.Item1 < 0).Select(s => s.Item2).ToList();

    /// <summary>The sum of the sources, or null when it does not fit in 64 bits.</summary>
    public static long? SumOfSources(long nationalPrefectural, long localBond, long other, long generalRevenue)
    {
        try
        {
            return checked(nationalPrefectural + localBond + other + generalRevenue);
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
