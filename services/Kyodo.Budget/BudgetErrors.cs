using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Budget;

/// <summary>
/// The catalogue of the budget service's own error messages, each in Japanese and English (what every
/// service shares is in <see cref="SharedMessages"/>). Handlers and domain rules name a message here
/// rather than write one, so no refusal reaches a caller in one language only.
/// What a caller sent is repeated only through <see cref="Echo"/>: a short prefix and its length.
/// Stages and adjustments (当初, 補正1, 繰越 …) come in already named in Japanese, as both texts print them.
/// </summary>
public static class BudgetErrors
{
    // ---- the plan service ----
    public static Text PlanUnreachable(Guid itemId, string status) => new(
        $"このサービスがまだ受け取っていない推進項目 {itemId} について、計画サービスに問い合わせられませんでした（{status}）。何も書き込んでいません。しばらくしてから再度実行してください。",
        $"The plan service could not be asked about item {itemId}, which this service has not seen yet ({status}); nothing was written. "
        + $"Retry later.");

    // ---- lines ----
    public static Text LineExists(Guid itemId, int year) => new(
        $"推進項目 {itemId} には{year}年度の予算行が既にあります。その予算行を修正してください。",
        $"Item {itemId} already has a FY{year} budget line; revise it instead.");

    public static readonly Text LineHasReservations = new(
        "この予算行には補助金のための確保額があるため、削除できません。", "Subsidies have reserved money against this line; it cannot be deleted.");

    public static Text LineSettled(int year) => new(
        $"{year}年度の予算行は決算済です。修正できません。", $"The FY{year} line is settled (決算); it cannot be revised.");

    public static Text StageBackwards(string current, string asked) => new(
        $"この予算行は{current}の段階にあります。{asked}へ戻すことはできません。", $"The line is at {current}; it cannot go back to {asked}.");

    public static Text BelowAdjustments(string stage, IEnumerable<string> sources)
    {
        var negative = string.Join("・", sources);
        return new(
            $"{stage}の金額では、この年度の繰越・流用で出ていく分を差し引くと{negative}が負になります。",
            $"{stage} amounts would leave {negative} below zero once this year's 繰越・流用 out are taken from them.");
    }

    public static Text BelowReserved(long costYen, long heldYen, int year, string itemTitle) => new(
        $"事業費 {costYen:N0} 円は、{itemTitle}の{year}年度の予算行で補助金が確保している {heldYen:N0} 円を下回ります。",
        $"事業費 {costYen:N0} yen would be below the {heldYen:N0} yen subsidies hold against the FY{year} line of {itemTitle}.");

    // ---- amounts and funding sources (財源) ----
    /// <summary>An amount that does not read; <paramref name="reason"/> is the shared yen reader's, in English only for now.</summary>
    public static Text NotAnAmountOfYen(Text? reason) => reason is null
        ? new("金額（円）ではありません", "is not an amount of yen")
        : new($"金額（円）として読めません（{reason.Japanese}）", reason.English);

    public static readonly Text SourcesOverflow = new(
        "財源の合計が扱える金額（64 ビットの円）を超えます", "the funding sources add up to more than a 64-bit yen amount");

    public static Text CostIsNotSumOfSources(long costYen, long sumYen) => new(
        $"事業費 {costYen:N0} 円は財源の合計 {sumYen:N0} 円と等しくなければなりません（差額 {costYen - sumYen:N0} 円）",
        $"事業費 {costYen:N0} yen must equal the sum of the funding sources {sumYen:N0} yen (difference {costYen - sumYen:N0} yen)");

    // ---- stages ----
    public static Text AdjustmentNotAStageToWrite(string adjustment) => new(
        $"{adjustment}は既存の予算行の金額を動かすものです。ReviseBudgetLine で依頼してください。予算行や事業シートを書くのは当初・補正・決算です",
        $"{adjustment} moves money of an existing line: ask it with ReviseBudgetLine; a line or sheet is written at 当初, 補正 or 決算");

    public static readonly Text SupplementaryNumberRequired = new(
        "補正の段階では 1 以上にしてください", "must be 1 or more for a supplementary (補正) stage");

    public static readonly Text SupplementaryNumberOnlyForSupplementary = new(
        "指定できるのは補正の段階だけです", "is only given for a supplementary (補正) stage");

    public static readonly Text ReasonOnlyForAdjustments = new(
        "指定できるのは繰越・流用・予備費充用（stage CARRYOVER、TRANSFER、RESERVE_FUND）のときだけです",
        "is given only for 繰越, 流用 and 予備費充用 (stage CARRYOVER, TRANSFER, RESERVE_FUND)");

    public static readonly Text AmountOnlyForAdjustments = new(
        "指定できるのは繰越・流用・予備費充用のときだけです。その他の段階では予算行の財源を指定します",
        "is given only for 繰越, 流用 and 予備費充用; a stage gives the line's funding");

    public static readonly Text CounterpartOnlyForTransfer = new(
        "指定できるのは流用（stage TRANSFER）のときだけです", "is given only for 流用 (stage TRANSFER)");

    // ---- 繰越・流用・予備費充用 ----
    public static Text AdjustmentAboveZero(string adjustment) => new(
        $"0 より大きくしてください（{adjustment}で動かす金額）", $"must be above 0: the amount {adjustment} moves");

    public static Text FundingNotForAdjustment(string adjustment) => new(
        $"{adjustment}では指定しません。amount を指定してください。予算行の新しい金額はそこから決まります",
        $"is not given for {adjustment}: give amount; the lines' new amounts follow from it");

    public static Text AccountNotChangedBy(string adjustment) => new(
        $"{adjustment}では変更されません", $"is not changed by {adjustment}");

    public static readonly Text CounterpartOnlyForTransferNotCarryover = new(
        "指定できるのは流用（TRANSFER）のときだけです。繰越は推進項目の翌年度へ移ります",
        "is given only for 流用 (TRANSFER); 繰越 goes to the item's next fiscal year");

    public static readonly Text CounterpartIsItself = new(
        "この予算行自身です。流用は二つの予算行の間で金額を動かします", "is the line itself: 流用 moves money between two lines");

    public static readonly Text CounterpartOfOtherMunicipality = new("別の自治体の予算行です", "is a line of another municipality");

    public static Text TransferAcrossYears(int counterpartYear, int year) => new(
        $"{counterpartYear}年度の予算行です。流用は{year}年度の中で行います（翌年度へ移すのは繰越です）",
        $"is a line of FY{counterpartYear}: 流用 stays within FY{year} (繰越 moves money to the next year)");

    public static readonly Text TransferNeedsAccount = new(
        "流用は同じ款の中で行うため、両方の予算行の会計と款が必要です。先に会計区分を設定してください。",
        "流用 needs both lines' 会計 and 款, to keep the money within one 款; set their account classification first.");

    public static Text TransferBetweenSections(string fromAccount, string toAccount) => new(
        $"流用は同じ会計・款の中でだけ行えます（地方自治法 220条2項）。{fromAccount} と {toAccount} は異なります。",
        $"流用 moves money within one 会計 and 款 (地方自治法 220条2項): {fromAccount} and {toAccount} differ.");

    public static Text LineSettledForAdjustment(int year, string itemTitle, string adjustment) => new(
        $"{itemTitle}の{year}年度の予算行は決算済です。{adjustment}で変更することはできません。",
        $"The FY{year} line of {itemTitle} is settled (決算); {adjustment} can no longer change it.");

    public static Text AdjustmentExceedsSource(int year, string itemTitle, IEnumerable<string> sources, string adjustment)
    {
        var negative = string.Join("・", sources);
        return new(
            $"{itemTitle}の{year}年度の予算行の{negative}は、{adjustment}で差し引く額に足りません。",
            $"The FY{year} line of {itemTitle} holds less {negative} than the {adjustment} takes from it.");
    }

    // ---- reservations (予算の確保) ----
    public static Text BudgetExhausted(long availableYen, int year, string itemTitle, long askedYen) => new(
        $"{itemTitle}の{year}年度の予算行で使える残額は {availableYen:N0} 円です。求められた額は {askedYen:N0} 円です（予算の範囲内）。",
        $"Only {availableYen:N0} yen is still available on the FY{year} line of {itemTitle}; {askedYen:N0} yen was asked for.");

    public static Text AboveReserved(long askedYen, long reservedYen) => new(
        $"{askedYen:N0} 円は確定できません。確保されているのは {reservedYen:N0} 円だけです。",
        $"Cannot commit {askedYen:N0} yen: only {reservedYen:N0} yen is reserved.");

    public static Text ReservationNotOpen(bool commit, string status)
    {
        var japaneseStatus = status switch { "Committed" => "確定済", "Released" => "解放済", _ => status };
        return new(
            $"{japaneseStatus}の予算の確保は{(commit ? "確定" : "解放")}できません。",
            $"Cannot {(commit ? "commit" : "release")} a reservation that is {status.ToLowerInvariant()}.");
    }

    public static Text AbandonedIdempotencyKey(string key) => new(
        $"冪等キー{Echo.InJapanese(key)}は、呼び出し元が取りやめた予算の確保（交付決定が記録されなかったもの）のものです。何も確保していません。新しいキーを使ってください。",
        $"Idempotency key {Echo.Of(key)} belongs to a reservation its caller abandoned (its award was not recorded); nothing was reserved. "
        + $"Use a new key.");

    public static Text IdempotencyKeyReused(string key, string operation) => new(
        $"冪等キー{Echo.InJapanese(key)}は、別の {operation} リクエストで既に使われています。新しいリクエストには新しいキーを使ってください。",
        $"Idempotency key {Echo.Of(key)} was first used for a different {operation} request; use a new key for a new request.");

    // ---- totals and sheets ----
    public static readonly Text GroupByRequired = new(
        "必須です（GROUP_BY_DEPARTMENT、GROUP_BY_ACCOUNT または GROUP_BY_FISCAL_YEAR）",
        "is required: GROUP_BY_DEPARTMENT, GROUP_BY_ACCOUNT or GROUP_BY_FISCAL_YEAR");

    public static readonly Text YearsRequired = new("年度を少なくとも一つ指定してください", "must give at least one fiscal year");

    // ---- full cost (人件費 = 人工 × 単価) ----
    public static readonly Text YenPerPersonYear = new(
        "負の数にはできません（1 人工あたりの円。例: 8000000）", "must not be negative (whole yen per person-year, e.g. 8000000)");

    public static readonly Text FiscalYearToRange = new(
        "0、または fiscal_year_from から 49 年後までの年度にしてください", "must be 0, or from fiscal_year_from up to 49 years after it");

    public static Text PersonYearsRange(decimal most) => new(
        $"0 から {most} 人工までにしてください", $"must be between 0 and {most} person-years (人工)");

    public static readonly Text PersonYearsDecimals = new(
        "小数点以下は 2 桁までにしてください（0.8、1.25）", "has at most two decimals (0.8, 1.25)");

    public static Text BadPersonYears(decimal personYears, decimal most) => new(
        $"人工 {personYears} は 0 から {most} まで、小数点以下 2 桁までにしてください。",
        $"人工 {personYears} must be between 0 and {most} with at most two decimals.");
}
