namespace Kyodo.Web.Presentation;

/// <summary>The fiscal years the pages offer: those of the municipality's plans.</summary>
public static class PlanYears
{
    /// <summary>Every year from the earliest plan's start to the latest plan's end; the current fiscal year when there is no
    /// plan.</summary>
    public static IReadOnlyList<int> Span(IEnumerable<Kyodo.Plan.V1.Plan> plans)
    {
        var list = plans.ToList();
        if (list.Count == 0) return [CurrentFiscalYear()];
        var first = list.Min(p => p.StartFiscalYear);
        var last = list.Max(p => p.EndFiscalYear);
        return Enumerable.Range(first, last - first + 1).ToList();
    }

    /// <summary>The fiscal year under way in Japan (it starts on 1 April).</summary>
    public static int CurrentFiscalYear()
    {
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9));
        return today.Month >= 4 ? today.Year : today.Year - 1;
    }
}
