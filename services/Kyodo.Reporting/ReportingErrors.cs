using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Reporting;

/// <summary>
/// The catalogue of the reporting service's own error messages, each in Japanese and English (what every
/// service shares is in <see cref="SharedMessages"/>). Handlers and report builders name a message here
/// rather than write one, so no refusal reaches a caller in one language only.
/// </summary>
public static class ReportingErrors
{
    // ---- exports ----
    public static readonly Text FormatRequired = new(
        "必須です（EXPORT_FORMAT_CSV、EXPORT_FORMAT_XLSX または EXPORT_FORMAT_PDF）",
        "is required: EXPORT_FORMAT_CSV, EXPORT_FORMAT_XLSX or EXPORT_FORMAT_PDF");

    public static readonly Text PaperNotForCsv = new(
        "CSV では使いません。EXPORT_FORMAT_PDF と EXPORT_FORMAT_XLSX のためのものです",
        "means nothing for CSV: it is for EXPORT_FORMAT_PDF and EXPORT_FORMAT_XLSX");

    public static readonly Text EvaluationSheetIsPdfOnly = new(
        "事務事業評価シートは印刷用の様式です。EXPORT_FORMAT_PDF だけを指定できます", "the evaluation sheet is a printed form: EXPORT_FORMAT_PDF only");

    public static readonly Text ReportRequired = new("必須です（出力する帳票）", "is required: which report to export");

    public static Text NotAvailableYet(string report) => new($"{report} の出力はまだできません。", $"Exporting {report} is not available yet.");

    // ---- years ----
    public static readonly Text ToNotBeforeFrom = new(
        "0、または fiscal_year_from 以降の年度にしてください", "must be 0 or not before fiscal_year_from");

    public static readonly Text ToYearNotBeforeFrom = new(
        "0、または fiscal_year_from 以降の年度にしてください", "must be 0 or a fiscal year not before fiscal_year_from");

    public static Text OutsidePlanPeriod(int start, int end) => new(
        $"計画期間（{(start == end ? $"{start}年度" : $"{start}年度〜{end}年度")}）の中にしてください",
        $"must be within the plan's period {(start == end ? $"FY{start}" : $"FY{start}–FY{end}")}");

    public static readonly Text NoYearColumns = new(
        "推進項目一覧には年度の列がありません。年度は年次計画表で指定してください", "the item list has no year columns: give fiscal years to the schedule table");

    // ---- deadlines ----
    public static Text NotADate(string text) => new(
        $"{Echo.InJapanese(text)} は yyyy-MM-dd 形式の日付（2020-05-31）ではありません。空なら今日（日本時間）です",
        $"{Echo.Of(text)} is not a date written as yyyy-MM-dd (2020-05-31); leave it empty for today (Japan time)");

    // ---- achievement thresholds ----
    public static readonly Text ThresholdRange = new(
        "0 より大きく 10 以下（比率: 1.0 = 100%）、または既定値を使うなら 0 にしてください",
        "must be above 0 and at most 10 (a ratio: 1.0 = 100%), or 0 for the default");

    public static Text OnTrackAboveAchieved(double onTrackAt, double achievedAt, double defaultAchievedAt, double defaultOnTrackAt) => new(
        FormattableString.Invariant($"on_track_at {onTrackAt} を achieved_at {achievedAt} より大きくはできません")
            + FormattableString.Invariant($"（0 は既定値: achieved_at {defaultAchievedAt:0.0}、on_track_at {defaultOnTrackAt}）"),
        FormattableString.Invariant($"on_track_at {onTrackAt} must not be above achieved_at {achievedAt} (0 counts as the default: ")
            + FormattableString.Invariant($"achieved_at {defaultAchievedAt:0.0}, on_track_at {defaultOnTrackAt})"));

    // ---- trends ----
    public static readonly Text SubjectRequired = new(
        "必須です（indicator_id、item_id、subsidy_program_id または account_path）",
        "is required: indicator_id, item_id, subsidy_program_id or account_path");

    public static readonly Text AccountToName = new("会計区分を指定してください。例: 一般会計/2 総務費", "must name an account, e.g. 一般会計/2 総務費");

    public static readonly Text AccountPathRequired = new(
        "必須です（予算の会計区分。例: 一般会計/2 総務費）", "is required: a budget account, e.g. 一般会計/2 総務費");

    public static readonly Text DepartmentFiltersAccountsOnly = new("絞り込めるのは account_path の推移だけです", "filters account_path trends only");

    public static readonly Text PlanFiltersAccountsOnly = new(
        "絞り込めるのは account_path の推移だけです。指標と推進項目は既に一つの計画に属し、補助金制度はどの計画にも属しません",
        "filters account_path trends only: an indicator and an item belong to one plan already, a subsidy program to none");

    public static readonly Text NodeFiltersAccountsOnly = new(
        "絞り込めるのは account_path の推移だけです。指標と推進項目は既に体系に位置付けられ、補助金制度は計画に含まれません",
        "filters account_path trends only: an indicator and an item are placed already, a subsidy program is not in a plan");

    // ---- areas (several municipalities) ----
    public static readonly Text PrefectureOrMunicipalities = new(
        "prefecture_code（2 桁）か municipality_codes のどちらか一方だけを指定してください",
        "give either prefecture_code (2 digits) or municipality_codes, not both or neither");

    public static readonly Text NotAPrefectureCode = new(
        "都道府県コード（01（北海道）から 47（沖縄県）までの 2 桁）にしてください", "must be a prefecture code: 2 digits from 01 (北海道) to 47 (沖縄県)");

    public static readonly Text MunicipalityTwice = new("同じ自治体を二度指定しています", "names a municipality twice");

    public static Text TooManyMunicipalities(int most) => new(
        $"{most} を超える自治体を指定しています。都道府県で指定してください", $"names more than {most} municipalities; ask for a prefecture instead");
}
