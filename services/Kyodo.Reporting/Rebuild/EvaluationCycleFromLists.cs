using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.ReadModels;
using Npgsql;
using NpgsqlTypes;
using BudgetV1 = Kyodo.Budget.V1;
using PlanV1 = Kyodo.Plan.V1;

namespace Kyodo.Reporting.Rebuild;

/// <summary>
/// The evaluation cycle's records as the list APIs return them → the statements their events
/// write (<see cref="EvaluationCycleStatements"/>), listed: so a row already holding that revision
/// or a newer one stays, and a listed evaluation replaces a tombstone of its revision.
/// </summary>
internal static class EvaluationCycleFromLists
{
    /// <summary>An evaluation as its EvaluationChanged carries it; the time is its last step's (the services keep no other change
    /// time).</summary>
    public static NpgsqlBatchCommand Evaluation(string code, PlanV1.Evaluation e)
    {
        var c = e.Content;
        var snapshot = new EvaluationSnapshot(Guid.Parse(e.Id), Guid.Parse(e.PlanId), OptionalId(e.ItemId), OptionalId(e.NodeId),
            e.FiscalYear,
            OptionalId(e.EvaluatorDepartment?.Id), e.EvaluatorDepartment?.Name ?? "", c.Necessity, c.NecessityReason, c.Effectiveness,
            c.EffectivenessReason,
            c.Efficiency, c.EfficiencyReason, c.Direction, c.DirectionReason, e.Review.Status.ToString(), e.EvaluatedBy,
            Time(e.EvaluatedAt) ?? default,
            e.Review.SubmittedBy, Time(e.Review.SubmittedAt), e.Review.ReviewedBy, Time(e.Review.ReviewedAt), e.Review.Comment, e.Revision);
        var at = new[] { Time(e.EvaluatedAt), Time(e.Review.SubmittedAt), Time(e.Review.ReviewedAt) }.Max() ?? default;
        return EvaluationCycleStatements.Evaluation(code, at, snapshot, deleted: false, listed: true);
    }

    /// <summary>
    /// An item's actuals under review, as its IndicatorActualEntryChanged would write them at the
    /// item's revision, after removing the item's entries the list no longer holds at or below that
    /// revision (approved since, which the item's indicator values hold; or gone with their indicator).
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> PendingActuals(string code, PlanV1.Item item)
    {
        var forget =
            new NpgsqlBatchCommand("DELETE FROM actual_entries WHERE municipality_code = @m AND item_id = @item AND revision <= @revision");
        forget.Parameters.AddRange(new NpgsqlParameter[]
        {
            new("m", NpgsqlDbType.Varchar) { Value = code }, new("item", NpgsqlDbType.Uuid) { Value = Guid.Parse(item.Id) },
            new("revision", NpgsqlDbType.Integer) { Value = item.Revision },
        });
        yield return forget;
        foreach (var indicator in item.Indicators)
            foreach (var entry in indicator.ActualEntries.Where(e => e.Review.Status != PlanV1.ReviewStatus.Approved))
            {
                var review = entry.Review;
                var by =
                    review.ReviewedBy.Length > 0 ? review.ReviewedBy : review.SubmittedBy.Length > 0 ? review.SubmittedBy : entry.EnteredBy;
                var at = new[] { Time(entry.EnteredAt), Time(review.SubmittedAt), Time(review.ReviewedAt) }.Max()
                    ?? item.UpdatedAt.ToDateTimeOffset();
                yield return EvaluationCycleStatements.ActualEntry(code, at, Guid.Parse(item.Id), Guid.Parse(indicator.Id),
                    entry.FiscalYear,
                    decimal.Parse(entry.Value, CultureInfo.InvariantCulture), review.Status.ToString(), by, review.Comment, item.Revision);
            }
    }

    public static NpgsqlBatchCommand StaffTime(BudgetV1.StaffTime s) => EvaluationCycleStatements.StaffTime(s.MunicipalityCode,
        s.SetAt.ToDateTimeOffset(),
        Guid.Parse(s.ItemId), s.FiscalYear, decimal.Parse(s.PersonYears, CultureInfo.InvariantCulture), s.Revision);

    public static NpgsqlBatchCommand StaffUnitCost(BudgetV1.StaffUnitCost u) =>
        EvaluationCycleStatements.StaffUnitCost(u.MunicipalityCode, u.SetAt.ToDateTimeOffset(), u.FiscalYear, u.YenPerPersonYear,
            u.Revision);

    public static NpgsqlBatchCommand Deadline(string code, PlanV1.ReportingDeadline d) => EvaluationCycleStatements.Deadline(code,
        d.SetAt.ToDateTimeOffset(),
        Guid.Parse(d.PlanId), d.FiscalYear, DateOnly.ParseExact(d.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), d.Revision);

    /// <summary>
    /// The 繰越・流用・予備費充用 of a line's history, each as the BudgetLineAdjusted of the revision it
    /// made (a line's history holds one entry per revision, in order: the n-th is revision n).
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> Adjustments(string code, BudgetV1.BudgetLine line,
        IReadOnlyList<BudgetV1.BudgetRevision> history) =>
        history.Select((r, i) => (Revision: r, Number: i + 1))
            .Where(r =>
                r.Revision.Stage is BudgetV1.BudgetStage.Carryover or BudgetV1.BudgetStage.Transfer or BudgetV1.BudgetStage.ReserveFund)
            .Select(r => EvaluationCycleStatements.Adjustment(new BudgetLineAdjusted(Guid.Empty, r.Revision.RevisedAt.ToDateTimeOffset(),
                code, Guid.Parse(line.Id), Guid.Parse(line.ItemId), line.FiscalYear, r.Revision.Stage.ToString(),
                new FundingAmounts(r.Revision.Difference.CostYen, r.Revision.Difference.NationalPrefecturalYen,
                    r.Revision.Difference.LocalBondYen, r.Revision.Difference.OtherYen, r.Revision.Difference.GeneralRevenueYen),
                OptionalId(r.Revision.CounterpartLineId), r.Revision.Reason, r.Revision.RevisedBy, r.Number)));

    private static DateTimeOffset? Time(Timestamp? t) => t is null ? null : t.ToDateTimeOffset();
    private static Guid? OptionalId(string? id) => string.IsNullOrEmpty(id) ? null : Guid.Parse(id);
}
