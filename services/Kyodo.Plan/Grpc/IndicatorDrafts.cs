namespace Kyodo.Plan.Grpc;

internal static class IndicatorDrafts
{
    /// <summary>
    /// Adds a drafted indicator to an item, with the targets and actuals it states. The actuals are
    /// official at once only when <paramref name="official"/> (see <see cref="ActualRights"/>);
    /// otherwise each is entered and submitted for approval, as RecordActual does.
    /// </summary>
    public static Domain.Indicator AddTo(this IndicatorDraft draft, Domain.Item item, string actor, DateTimeOffset now, bool official)
    {
        var indicator = item.AddIndicator(Guid.CreateVersion7(now), draft.Kind, draft.Name, draft.Unit, draft.Direction,
            draft.BaselineValue, draft.BaselineFiscalYear);
        foreach (var (year, value) in draft.Targets) indicator.SetInitialTarget(year, value);
        foreach (var (year, value) in draft.Actuals)
        {
            if (official)
            {
                indicator.RecordActual(year, value, "", actor, now);
                continue;
            }
            indicator.EnterActual(year, value, "", actor, now);
            indicator.SubmitActual(year, actor, now);
        }
        return indicator;
    }
}
