using System.Security.Cryptography;
using System.Text;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// One municipality of the synthetic country, as the events its services would publish: a plan of
/// FY2020–2024 with 5 政策 × 4 施策, 10 departments, its items (one primary placement, every tenth
/// re-listed under another 施策; a schedule row with a stage each year; one indicator with a
/// target each year and actuals for three), a budget line per item and year, one subsidy program
/// of two courses spending from an item's lines, 20 applications and the reservations of the
/// awarded ones. Everything is derived from the code and a number, so the same record can be
/// written again at a later revision by the live phase.
/// </summary>
public sealed class SyntheticCity(string code)
{
    public const int FirstYear = 2020, Years = 5, Departments = 10, Policies = 5, MeasuresPerPolicy = 4, Applications = 20;
    public static readonly DateTimeOffset Written = new(2024, 4, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The account paths lines are booked to, one of four by item.</summary>
    public static readonly string[] Accounts =
        ["一般会計/2 総務費/1 総務管理費/4 企画費", "一般会計/3 民生費/1 社会福祉費/1 社会福祉総務費", "一般会計/8 土木費/4 都市計画費/1 都市計画総務費", "一般会計/10 教育費/5 社会教育費/1 社会教育総務費"];

    private static readonly string[] DepartmentNames = ["企画課", "総務課", "財政課", "市民協働課", "福祉課", "子育て支援課", "環境課", "都市計画課", "生涯学習課", "観光課"];
    private static readonly string[][] StagePattern = [["検討"], ["実施"], ["→"], ["見直し", "実施"], ["完了予定"]];

    public string Code { get; } = code;
    public int Items { get; } = Country.ItemsOf(code);

    /// <summary>A stable id for the <paramref name="n"/>th record of a kind: the same in every run.</summary>
    public Guid Id(string kind, int n) => new(MD5.HashData(Encoding.UTF8.GetBytes($"{Code}/{kind}/{n}")));

    public Guid PlanId => Id("plan", 0);
    public Guid DepartmentId(int d) => Id("department", d);
    public Guid PolicyId(int p) => Id("policy", p);
    public Guid MeasureId(int m) => Id("measure", m);

    public PlanCreated Plan() => new(Guid.Empty, Written, Code, PlanId, "総合計画 実施計画", FirstYear, FirstYear + Years - 1, 1);

    public IEnumerable<DepartmentChanged> DepartmentEvents() =>
        Enumerable.Range(0, Departments)
            .Select(d => new DepartmentChanged(Guid.Empty, Written, Code, DepartmentId(d), DepartmentNames[d], 1, false));

    public IEnumerable<PlanNodeChanged> Nodes()
    {
        for (var p = 0; p < Policies; p++)
        {
            yield return new PlanNodeChanged(Guid.Empty, Written, Code, PlanId, PolicyId(p), null, "政策", $"{p + 1}", $"政策 {p + 1}", p + 1,
                1, false);
            for (var m = 0; m < MeasuresPerPolicy; m++)
                yield return new PlanNodeChanged(Guid.Empty, Written, Code, PlanId, MeasureId(p * MeasuresPerPolicy + m), PolicyId(p), "施策",
                    $"{p + 1}-{m + 1}", $"施策 {p + 1}-{m + 1}", m + 1, 1, false);
        }
    }

    /// <summary>Item <paramref name="i"/> at <paramref name="revision"/>: later revisions move its stages and record another
    /// actual.</summary>
    public ItemSnapshot Item(int i, int revision = 1)
    {
        var measure = i % (Policies * MeasuresPerPolicy);
        var lead = i % Departments;
        List<PlacementSnapshot> placements =
            [new(MeasureId(measure), $"{i + 1}", true, $"{measure / MeasuresPerPolicy + 1}-{measure % MeasuresPerPolicy + 1}-{i + 1}")];
        if (i % 10 == 3)
        {
            var other = (measure + 7) % (Policies * MeasuresPerPolicy);
            placements.Add(
                new(MeasureId(other), $"{i + 1}", false, $"{other / MeasuresPerPolicy + 1}-{other % MeasuresPerPolicy + 1}-{i + 1}"));
        }
        var schedule = Enumerable.Range(0, Years)
            .Select(y => new ScheduleCellSnapshot(1, "", FirstYear + y, StagePattern[(i + y + revision - 1) % StagePattern.Length]))
            .ToList();
        var target = 100 + i % 50;
        var actuals =
            Enumerable.Range(0, 3).Select(y => new YearValue(FirstYear + y, target * (60 + (i * 7 + y * 13) % 60) / 100m)).ToList();
        if (revision > 1) actuals.Add(new YearValue(FirstYear + 3, target * (50 + revision % 60) / 100m));
        return new ItemSnapshot(Id("item", i), PlanId, revision, $"事業 {i + 1}", i % 5 == 0 ? "New" : "Continuing",
            [new DepartmentInCharge(DepartmentId(lead), DepartmentNames[lead])], ["行政"],
                i % 3 == 0 ? ["Citizens", "CivicGroups"] : ["Citizens"], "",
            "市民と協働して地域の課題を解決する", "", $"事業 {i + 1} の内容", "", "", null, null, "None", [], [], "", placements, schedule,
            [new IndicatorSnapshot(Id("indicator", i), "Outcome", "参加者数", "人", "HigherIsBetter", null, null,
                Enumerable.Range(0, Years).Select(y => new YearValue(FirstYear + y, target)).ToList(), actuals)]);
    }

    /// <summary>Item <paramref name="i"/>'s line of year index <paramref name="y"/> at <paramref name="revision"/> (a revision adds a 補正 of
    /// 1,000 yen per step).</summary>
    public BudgetLineSnapshot Line(int i, int y, int revision = 1)
    {
        var lead = i % Departments;
        var cost = 1_000_000L + (long)((uint)(i * 7919 + y * 104729) % 30_000) * 1_000 + (revision - 1) * 1_000;
        var national = cost / 5 / 1_000 * 1_000;
        var other = cost / 20 / 1_000 * 1_000;
        return new BudgetLineSnapshot(Id("line", i * Years + y), Id("item", i), $"事業 {i + 1}", DepartmentId(lead), DepartmentNames[lead],
            FirstYear + y,
            Accounts[i % Accounts.Length], revision == 1 ? "Initial" : "Supplementary", revision - 1,
            new FundingAmounts(cost, national, 0, other, cost - national - other), revision);
    }

    public Guid ProgramId => Id("program", 0);
    private Guid Course(int c) => Id("course", c);

    public SubsidyProgramChanged Program() => new(Guid.Empty, Written, Code, ProgramId, "市民活動促進事業補助金", "",
        [new CourseSnapshot(Course(0), "チャレンジ", 200_000, true, 3), new CourseSnapshot(Course(1), "ステップアップ", 150_000, true, 0)],
        Enumerable.Range(0, Years).Select(y => new ProgramBudgetLineSnapshot(FirstYear + y, Line(0, y).BudgetLineId)).ToList(), 1, false);

    private static readonly string[] Outcomes = ["Settled", "Awarded", "Rejected", "Withdrawn", "Submitted"];

    /// <summary>Application <paramref name="a"/>'s latest step: settled, awarded, rejected, withdrawn or submitted in turn.</summary>
    public ApplicationStatusChanged Application(int a)
    {
        var (course, year, to) = (a % 2, FirstYear + a % Years, Outcomes[a % Outcomes.Length]);
        var requested = 100_000L + a * 5_000;
        var awarded = to is "Settled" or "Awarded" ? requested - 20_000 : 0;
        var revision = to switch { "Settled" => 5, "Submitted" => 1, _ => 3 };
        return new ApplicationStatusChanged(Guid.Empty, Written, Code, Id("application", a), ProgramId, "市民活動促進事業補助金", Course(course),
            course == 0 ? "チャレンジ" : "ステップアップ", year, course == 0 ? 1 + a % 3 : 0, Id("applicant", a), $"団体 {a + 1}", $"活動 {a + 1}",
            revision == 1 ? "" : "UnderReview", to, requested, awarded, to == "Settled" ? awarded - 10_000 : 0, "system", revision,
            a % 3 == 0 ? "New" : "Continuing");
    }

    /// <summary>The reservation an awarded application holds against its year's line, and its commitment once settled.</summary>
    public (FundsReserved Reserved, FundsCommitted? Committed)? Reservation(int a)
    {
        var application = Application(a);
        if (application.To is not ("Settled" or "Awarded")) return null;
        var line = Line(0, application.FiscalYear - FirstYear).BudgetLineId;
        var reserved = new FundsReserved(Guid.Empty, Written, Code, line, Id("reservation", a),
            $"subsidy-application:{application.ApplicationId}", application.AwardedYen, 0);
        return (reserved, application.To == "Settled"
            ? new FundsCommitted(Guid.Empty, Written, Code, line, reserved.ReservationId, application.SettledYen,
                application.AwardedYen - application.SettledYen, 0)
            : null);
    }
}
