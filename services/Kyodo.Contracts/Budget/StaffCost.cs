namespace Kyodo.Contracts.Budget;

/// <summary>
/// 人件費: the one place its arithmetic is written down. It sits with the events because
/// StaffTimeChanged carries a 人件費 computed by it, and every service that adds 人件費 to 事業費
/// (budget's GetFullCost, reporting's summaries and sheets) must round exactly as budget does.
/// </summary>
public static class StaffCost
{
    /// <summary>
    /// 人件費 = 人工 × 単価, rounded half up (away from zero: both are never negative) to whole yen:
    /// 0.8人 × 8,000,000円 = 6,400,000円; 0.33人 × 7,654,321円 = 2,525,925.93 → 2,525,926円.
    /// </summary>
    public static long Yen(decimal personYears, long yenPerPersonYear) =>
        (long)decimal.Round(personYears * yenPerPersonYear, 0, MidpointRounding.AwayFromZero);
}
