using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Plan;

/// <summary>
/// The catalogue of the plan service's own error messages, each in Japanese and English (what every
/// service shares is in <see cref="SharedMessages"/>). Handlers and domain rules name a message here
/// rather than write one, so no refusal reaches a caller in one language only.
/// What a caller sent is repeated only through <see cref="Echo"/>: a short prefix and its length.
/// </summary>
public static class PlanErrors
{
    // ---- periods and fiscal years ----
    public static Text OutsidePeriod(int start, int end) => new(
        $"計画期間（{start}年度〜{end}年度）の外です", $"lies outside the plan's period FY{start}–FY{end}");

    public static Text EndBeforeStart(int start) => new(
        $"start_fiscal_year（{start}）より前にはできません", $"must not be before start_fiscal_year ({start})");

    // The pieces of PeriodWouldStrand: one entry a shorter period would strand, what it is, its year and its item.
    internal static Text Stranded(Text what, int year, string itemTitle) => new(
        $"推進項目「{itemTitle}」の{year}年度の{what.Japanese}", $"{what.English} FY{year} of item \"{itemTitle}\"");

    internal static readonly Text StrandedSchedule = new("年次計画", "schedule");
    internal static readonly Text StrandedYearlyGoal = new("年度の目標", "yearly goal");
    internal static Text StrandedTarget(string indicator) => new($"指標「{indicator}」の目標値", $"target of indicator \"{indicator}\"");
    internal static Text StrandedActual(string indicator) => new($"指標「{indicator}」の実績", $"actual of indicator \"{indicator}\"");

    public static Text PeriodWouldStrand(int start, int end, IReadOnlyList<Text> stranded, int namedAtMost)
    {
        var more = stranded.Count - namedAtMost;
        return new(
            $"期間を {start}年度〜{end}年度 にすると、次が計画期間の外に残ります: "
            + string.Join("、", stranded.Take(namedAtMost).Select(s => s.Japanese)) + (more > 0 ? $"、ほか {more} 件" : "")
            + "。先にそれらを変更するか削除してください。",
            $"The period FY{start}–FY{end} would leave outside the plan: "
            + string.Join("; ", stranded.Take(namedAtMost).Select(s => s.English)) + (more > 0 ? $"; and {more} more" : "")
            + ". Change or remove those first.");
    }

    // ---- update masks ----
    /// <summary>Each unknown path echoed bounded, and at most five of them: a mask of thousands of paths stays a short answer.</summary>
    public static Text UnknownMaskPaths(IReadOnlyList<string> unknown, IEnumerable<string> fields)
    {
        var paths = string.Join(", ", fields);
        var more = unknown.Count - 5;
        return new(
            $"{string.Join("、", unknown.Take(5).Select(Echo.InJapanese))}{(more > 0 ? $" ほか {more:N0} 件" : "")} はここでは変更できません。変更できるパスは "
            + $"{paths}（または \"*\"）です",
            $"names {string.Join(", ", unknown.Take(5).Select(Echo.Of))}{(more > 0 ? $" and {more:N0} more" : "")}, which cannot be "
            + $"changed here; the paths are {paths} (or \"*\")");
    }

    public static readonly Text NothingToChangeInSettings = new(
        "変更する項目がありません。rating_scale か directions を指定してください", "names nothing to change: give rating_scale or directions");

    // Why a field of an update request is fixed (UpdateRule's fixed fields), said after its path.
    public static readonly Text TargetsByReviseTarget = new(
        "目標値は改訂ごとに理由を残す ReviseTarget で変更します", "targets change by ReviseTarget, which keeps each revision's reason");
    public static readonly Text ActualsByRecordActual = new("実績値は RecordActual で変更します", "actuals change by RecordActual");
    public static readonly Text GoalKeepsItsMunicipality = new("重点目標は自治体を移りません", "a goal stays in its municipality");

    // ---- municipalities and departments ----
    public static Text DepartmentExists(string municipality, string name) => new(
        $"自治体 {municipality} には部署{Echo.InJapanese(name)}が既にあります。",
        $"Municipality {municipality} already has a department named {Echo.Of(name)}.");

    public static Text DepartmentInUse(string department) => new(
        $"推進項目・重点目標・評価でまだ {department} が使われています。先にそれらを変更してください。",
        $"Items, priority goals or evaluations still name {department}; change them first.");

    public static Text NotADepartmentOf(string municipality) => new(
        $"自治体 {municipality} の部署ではありません", $"is not a department of municipality {municipality}");

    public static readonly Text DepartmentTwice = new("同じ部署を二度指定しています", "lists a department twice");

    // ---- plans and nodes ----
    public static Text PlanExists(string municipality, string name) => new(
        $"自治体 {municipality} には計画{Echo.InJapanese(name)}が既にあります。",
        $"Municipality {municipality} already has a plan named {Echo.Of(name)}.");

    public static Text NodeHasChildren(string code) => new(
        $"体系 {code} にはまだ下位の体系があります。先に削除するか移動してください。", $"Node {code} still has child nodes; delete or move them first.");

    public static Text NodeHasItems(string code) => new(
        $"体系 {code} にはまだ推進項目が掲載されています。先に移動するか削除してください。", $"Items are still listed under node {code}; move or delete them first.");

    public static Text NodeCodeExists(string code) => new(
        $"同じ親の下に番号{Echo.InJapanese(code)}の体系が既にあります。", $"Another node under the same parent already has the printed code {Echo.Of(code)}.");

    public static readonly Text NotNegativeZeroAppends = new("負の数にはできません（0 は末尾に追加）", "must not be negative (0 appends)");

    public static Text CodePrintedTwice(string code) => new(
        $"{Echo.InJapanese(code)} が同じ親の下に二度あります", $"{Echo.Of(code)} is printed twice under the same parent");

    public static Text NoSuchNodePath(string path) => new(
        $"この計画に体系{Echo.InJapanese(path)}はありません", $"no node {Echo.Of(path)} in this plan");

    // ---- items and their placements ----
    public static readonly Text PlacementRequired = new(
        "推進項目を掲載する体系を少なくとも一つ指定してください", "must list the item under at least one node");

    public static readonly Text OnePrimaryPlacementRequired = new(
        "主たる掲載先を一つだけにしてください。その他は再掲（【再掲】）です",
        "must have exactly one primary placement; the others are re-listings (【再掲】)");

    public static readonly Text NodeTwice = new("同じ体系を二度指定しています", "lists a node twice");
    public static readonly Text NotANodeOfThisPlan = new("この計画の体系ではありません", "is not a node of this plan");

    public static readonly Text NoPlacement = new(
        "推進項目は少なくとも一つの体系に掲載されている必要があります。", "An item must be listed under at least one node.");

    public static readonly Text OnePrimaryPlacement = new(
        "推進項目の主たる掲載先はちょうど一つでなければなりません。その他は再掲（【再掲】）です。",
        "Exactly one placement of an item must be primary; the others are re-listings (【再掲】).");

    public static readonly Text DuplicatePlacement = new(
        "推進項目を同じ体系に掲載できるのは一度だけです。", "An item can be listed under a node only once.");

    public static readonly Text StakeholderCategories = new(
        "推進項目対象の 7 区分（STAKEHOLDER_CITIZENS … STAKEHOLDER_OTHER）だけを指定してください",
        "must hold only the seven categories (STAKEHOLDER_CITIZENS … STAKEHOLDER_OTHER)");

    public static readonly Text TargetOtherNeedsOther = new(
        "「その他」の記述です。target_stakeholders に STAKEHOLDER_OTHER を含めてください",
        "is the free text of その他: include STAKEHOLDER_OTHER in target_stakeholders");

    public static readonly Text Rank = new(
        "m 件中 n 位（1 ≤ n ≤ m）にしてください（施策内順位 1/3）", "must be n of m with 1 ≤ n ≤ m (施策内順位 1/3)");

    public static readonly Text StageNeedsFiscalYear = new(
        "fiscal_year と合わせて指定してください。段階は年度ごとに計画されます", "needs fiscal_year: a stage is planned for a year");

    // ---- indicators and actuals ----
    public static readonly Text IndicatorKindRequired = new(
        "必須です（INDICATOR_KIND_ACTIVITY（活動指標）または INDICATOR_KIND_OUTCOME（成果指標））",
        "is required: INDICATOR_KIND_ACTIVITY (活動指標) or INDICATOR_KIND_OUTCOME (成果指標)");

    public static readonly Text IndicatorDirectionRequired = new(
        "必須です（INDICATOR_DIRECTION_HIGHER_IS_BETTER（高いほど良い）または INDICATOR_DIRECTION_LOWER_IS_BETTER（低いほど良い））",
        "is required: INDICATOR_DIRECTION_HIGHER_IS_BETTER or INDICATOR_DIRECTION_LOWER_IS_BETTER");

    public static Text NoActualEntered(int year, string indicator) => new(
        $"指標「{indicator}」の{year}年度の実績はまだ入力されていません。先に入力してください（EnterActual）。",
        $"No actual of FY{year} has been entered for \"{indicator}\"; enter it first (EnterActual).");

    // ---- priority goals and deadlines ----
    public static readonly Text GoalStaysInMunicipality = new(
        "重点目標を別の自治体へ移すことはできません", "cannot move a goal to another municipality");

    public static readonly Text DateRequired = new("必須です（2020-05-31 のような日付）", "is required: a date such as 2020-05-31");

    public static Text NotADate(string text) => new(
        $"{Echo.InJapanese(text)} は yyyy-MM-dd 形式の日付（2020-05-31）ではありません",
        $"{Echo.Of(text)} is not a date written as yyyy-MM-dd (2020-05-31)");

    // ---- evaluations ----
    public static readonly Text OneEvaluationSubject = new(
        "item_id（事務事業評価）と node_id（施策評価・政策評価）のどちらか一方だけを指定してください",
        "give exactly one of item_id (事務事業評価) and node_id (施策評価・政策評価)");

    public static readonly Text EvaluatorOnlyForNode = new(
        "指定できるのは体系（node）の評価だけです。推進項目は主担当の部署が評価します",
        "is given only for a node: an item's lead department evaluates it");

    public static Text EvaluationExists(bool ofNode, int year) => new(
        $"この{(ofNode ? "体系" : "推進項目")}には{year}年度の評価が既にあります。その評価を変更してください。",
        $"The {(ofNode ? "node" : "item")} already has an evaluation of FY{year}; change that one.");

    public static Text EvaluationIncomplete(IEnumerable<string> missing)
    {
        var fields = string.Join(", ", missing);
        return new(
            $"評価を提出するには、すべての評価区分と今後の方向性を入力してください。未入力: {fields}。",
            $"An evaluation is submitted with every rating and its direction: {fields} still empty.");
    }

    public static Text NotAGrade(string grade, string scale) => new(
        $"{Echo.InJapanese(grade)} は自治体の評価区分（{scale}）にありません",
        $"{Echo.Of(grade)} is not a grade of the municipality's rating scale ({scale})");

    public static readonly Text WordRequired = new("少なくとも一つの語を指定してください", "must list at least one word");
    public static readonly Text WordTwice = new("同じ語を二度指定しています", "lists a word twice");

    // ---- the review of evaluations and actuals (作成中 → 提出済 → 承認済 / 差戻し) ----
    private static readonly Dictionary<string, string> Subjects = new(StringComparer.Ordinal)
    {
        ["item evaluation"] = "事務事業評価",
        ["node evaluation"] = "施策・政策の評価",
        ["actual"] = "実績",
    };

    private static readonly Dictionary<string, string> Statuses = new(StringComparer.Ordinal)
    {
        ["DRAFT"] = "作成中",
        ["SUBMITTED"] = "提出済",
        ["APPROVED"] = "承認済",
        ["RETURNED"] = "差戻し",
    };

    private static string Subject(string what) => Subjects.GetValueOrDefault(what, what);
    private static string Status(string status) => $"{Statuses.GetValueOrDefault(status, status)}（{status}）";

    public static Text ReviewPending(string what) => new(
        $"この{Subject(what)}は提出済で承認を待っています。変更できるのは差し戻された後です。",
        $"The {what} is submitted and waits for approval; it can be changed only after it is returned.");

    public static Text ReviewApproved(string what) => new(
        $"この{Subject(what)}は承認済です。これ以上変更できません。", $"The {what} is approved; it can no longer be changed.");

    public static Text ReviewNotOpen(string what, string status) => new(
        $"提出できるのは作成中か差戻しの{Subject(what)}だけです。この{Subject(what)}は{Status(status)}です。",
        $"Only a draft or returned {what} can be submitted; this one is {status}.");

    public static Text ReviewNotSubmitted(string what, bool approve, string status) => new(
        $"{(approve ? "承認" : "差戻し")}できるのは提出済の{Subject(what)}だけです。この{Subject(what)}は{Status(status)}です。",
        $"Only a submitted {what} can be {(approve ? "approved" : "returned")}; this one is {status}.");

    public static Text OwnReview(string by, string what, bool approve) => new(
        $"{by} はこの{Subject(what)}を作成または提出しました。{(approve ? "承認" : "差戻し")}は管理者ロールを持つ別の人が行ってください。",
        $"{by} wrote or submitted this {what}; another person with the admin role must {(approve ? "approve" : "return")} it.");

    public static Text EvaluationNotDeletable(string what, string status) => new(
        $"{Status(status)}の{Subject(what)}は削除できません。削除できるのは作成中か差戻しのものだけです。",
        $"A {status.ToLowerInvariant()} {what} cannot be deleted; only a draft or returned one can.");
}
