using System.Globalization;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;
using BudgetV1 = Kyodo.Budget.V1;
using PlanV1 = Kyodo.Plan.V1;
using SubsidyV1 = Kyodo.Subsidy.V1;

namespace Kyodo.Reporting.Rebuild;

/// <summary>
/// A record as a list API returns it → the event that carries that state, as its service would
/// publish it, so the rebuild writes rows through the consumers' own code. The event id is empty
/// (there was no event). The time is the record's own change time where its service keeps one
/// (items, budget lines, application steps, a plan never changed since creation); otherwise
/// <c>unknownAt</c>, the time the rebuild read the lists.
/// </summary>
internal static class EventsFromLists
{
    public static PlanUpdated Plan(PlanV1.Plan p, DateTimeOffset unknownAt) => new(
        Guid.Empty, p.Revision == 1 ? p.CreatedAt.ToDateTimeOffset() : unknownAt, p.MunicipalityCode, Guid.Parse(p.Id),
        p.Name, p.StartFiscalYear, p.EndFiscalYear, p.Revision);

    public static PlanNodeChanged Node(string municipality, PlanV1.PlanNode n, DateTimeOffset unknownAt) => new(
        Guid.Empty, unknownAt, municipality, Guid.Parse(n.PlanId), Guid.Parse(n.Id), OptionalId(n.ParentId),
        n.LevelName, n.Code, n.Title, n.Position, n.Revision, Deleted: false);

    public static DepartmentChanged Department(string municipality, Common.V1.DepartmentRef d, int revision, DateTimeOffset unknownAt) =>
        new(
        Guid.Empty, unknownAt, municipality, Guid.Parse(d.Id), d.Name, revision, Deleted: false);

    public static PriorityGoalChanged Goal(PlanV1.PriorityGoal g, DateTimeOffset unknownAt) => new(
        Guid.Empty, unknownAt, g.MunicipalityCode, Guid.Parse(g.Id), Guid.Parse(g.Department.Id), g.Department.Name,
        g.FiscalYear, g.Position, g.Title, g.Description,
        g.Items.Select(i => new PriorityGoalItemSnapshot(i.Number, i.Text, i.Target, i.Achievement)).ToList(),
        g.Revision, Deleted: false);

    /// <summary>The ItemSnapshot the plan service's ItemSnapshots.Of builds, in its orders.</summary>
    public static ItemSnapshot Item(PlanV1.Item item)
    {
        var f = item.Fields;
        return new ItemSnapshot(
            Guid.Parse(item.Id),
            Guid.Parse(item.PlanId),
            item.Revision,
            f.Title,
            f.Novelty.ToString(),
            item.Departments.Select(d => new DepartmentInCharge(Guid.Parse(d.Id), d.Name)).ToList(),
            [.. f.ImplementingBodies],
            f.TargetStakeholders.Select(s => s.ToString()).ToList(),
            f.TargetOther,
            f.Purpose,
            f.CurrentState,
            f.Content,
            f.CompletionCriterion,
            f.ExpectedEffects,
            f.Rank?.Rank,
            f.Rank?.Of,
            f.MayoralPledge.ToString(),
            [.. f.LinkedPlans],
            item.YearlyGoals.OrderBy(g => g.FiscalYear).Select(g => new YearText(g.FiscalYear, g.Text)).ToList(),
            f.SpecialNotes,
            item.Placements.Select(p => new PlacementSnapshot(Guid.Parse(p.NodeId), p.Code, p.Primary, p.Reference))
                .OrderByDescending(p => p.Primary).ThenBy(p => p.NodeId).ToList(),
            item.Schedule.SelectMany(r => r.Cells.Select(c => new ScheduleCellSnapshot(r.Row, r.Label, c.FiscalYear, [.. c.Stages])))
                .OrderBy(c => c.Row).ThenBy(c => c.FiscalYear).ToList(),
            item.Indicators.OrderBy(i => i.Position).Select(Indicator).ToList());
    }

    private static IndicatorSnapshot Indicator(PlanV1.Indicator i) => new(
        Guid.Parse(i.Id),
        i.Kind.ToString(),
        i.Name,
        i.Unit,
        i.Direction.ToString(),
        OptionalDecimal(i.BaselineValue),
        i.BaselineFiscalYear == 0 ? null : i.BaselineFiscalYear,
        i.Targets.OrderBy(t => t.FiscalYear).Select(t => new YearValue(t.FiscalYear, decimal.Parse(t.Value, CultureInfo.InvariantCulture)))
            .ToList(),
        i.Actuals.OrderBy(a => a.FiscalYear).Select(a => new YearValue(a.FiscalYear, decimal.Parse(a.Value, CultureInfo.InvariantCulture)))
            .ToList());

    public static BudgetLineSnapshot BudgetLine(BudgetV1.BudgetLine l) => new(
        Guid.Parse(l.Id),
        Guid.Parse(l.ItemId),
        l.ItemTitle,
        OptionalId(l.Department?.Id),
        l.Department?.Name ?? "",
        l.FiscalYear,
        AccountPath(l.Account),
        l.Stage.ToString(),
        l.SupplementaryNumber,
        new FundingAmounts(l.Funding.CostYen, l.Funding.NationalPrefecturalYen, l.Funding.LocalBondYen, l.Funding.OtherYen,
            l.Funding.GeneralRevenueYen),
        l.Revision);

    /// <summary>"一般会計/2 総務費/1 総務管理費/4 企画費", as the budget service's AccountClassification.Path prints it.</summary>
    private static string AccountPath(BudgetV1.AccountClassification? a) =>
        string.Join("/", new[] { a?.Account, a?.Section, a?.Item, a?.Subitem }
            .Select(level => string.Join(" ", new[] { level?.Number ?? "", level?.Name ?? "" }.Where(p => p.Length > 0))));

    public static SubsidyProgramChanged Program(SubsidyV1.Program p, DateTimeOffset unknownAt) => new(
        Guid.Empty, unknownAt, p.MunicipalityCode, Guid.Parse(p.Id), p.Name, p.Description,
        p.Courses.OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new CourseSnapshot(Guid.Parse(c.Id), c.Name, c.CapYen, c.OncePerApplicant, c.RoundsPerYear)).ToList(),
        p.BudgetLines.OrderBy(l => l.FiscalYear).Select(l => new ProgramBudgetLineSnapshot(l.FiscalYear, Guid.Parse(l.BudgetLineId)))
            .ToList(),
        p.Revision, Deleted: false);

    /// <summary>The event of the application's latest step; names come from its program as listed now.</summary>
    public static ApplicationStatusChanged Application(SubsidyV1.Application a, IReadOnlyDictionary<Guid, SubsidyV1.Program> programs)
    {
        var step = a.Transitions[^1]; // listed in step order
        var program = programs.GetValueOrDefault(Guid.Parse(a.ProgramId));
        var course = program?.Courses.FirstOrDefault(c => c.Id == a.CourseId);
        return new ApplicationStatusChanged(
            Guid.Empty, step.At.ToDateTimeOffset(), a.MunicipalityCode, Guid.Parse(a.Id),
            Guid.Parse(a.ProgramId), program?.Name ?? "", Guid.Parse(a.CourseId), course?.Name ?? "",
            a.FiscalYear, a.Round, Guid.Parse(a.ApplicantId), ApplicantName: "", a.ProjectTitle,
            step.From == SubsidyV1.ApplicationStatus.Unspecified ? "" : step.From.ToString(), step.To.ToString(),
            a.RequestedYen, a.AwardedYen, a.SettledYen, step.By, a.Revision,
            a.ProjectKind switch { SubsidyV1.ProjectKind.New => "New", SubsidyV1.ProjectKind.Continuing => "Continuing", _ => "" },
            a.RoundUnknown, a.RequestedYenUnknown);
    }

    /// <summary>
    /// The events of a reservation's life as its service published them: FundsReserved at its
    /// creation, then FundsCommitted or FundsReleased at its end (its last change). The line's
    /// available amount they also carried is no part of the read model (0 here).
    /// </summary>
    public static (FundsReserved Reserved, FundsCommitted? Committed,
        FundsReleased? Released) Reservation(string municipality, BudgetV1.Reservation r)
    {
        var (id, line, endedAt) = (Guid.Parse(r.Id), Guid.Parse(r.BudgetLineId), r.UpdatedAt.ToDateTimeOffset());
        return (
            new FundsReserved(Guid.Empty, r.CreatedAt.ToDateTimeOffset(), municipality, line, id, r.Purpose, r.AmountYen, 0),
            r.Status == BudgetV1.ReservationStatus.Committed
                ? new FundsCommitted(Guid.Empty, endedAt, municipality, line, id, r.CommittedYen, r.AmountYen - r.CommittedYen, 0) : null,
            r.Status == BudgetV1.ReservationStatus.Released
                ? new FundsReleased(Guid.Empty, endedAt, municipality, line, id, r.AmountYen, 0) : null);
    }

    private static Guid? OptionalId(string? id) => string.IsNullOrEmpty(id) ? null : Guid.Parse(id);

    private static decimal? OptionalDecimal(string text) => text.Length == 0 ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
}
