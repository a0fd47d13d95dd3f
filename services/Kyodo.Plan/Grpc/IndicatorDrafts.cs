namespace Kyodo.Plan.Grpc;

internal static class IndicatorDrafts
{
    /// <summary>Adds a drafted indicator to an item, with the targets and actuals it states.</summary>
    public static Domain.Indicator AddTo(this IndicatorDraft draft, Domain.Item item, string actor, DateTimeOffset now)
    {
        var indicator = item.AddIndicator(Guid.CreateVersion7(now), draft.Kind, draft.Name, draft.Unit, draft.Direction,
            draft.BaselineValue, draft.BaselineFiscalYear);
        foreach (var (year, value) in draft.Targets) indicator.SetInitialTarget(year, value);
        foreach (var (year, value) in draft.Actuals) indicator.RecordActual(year, value, "", actor, now);
        return indicator;
    }
}
