using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.Subsidy.Domain;

namespace Kyodo.Subsidy;

/// <summary>
/// The catalogue of the subsidy service's own error messages, each in Japanese and English (what every
/// service shares is in <see cref="SharedMessages"/>). Handlers and domain rules name a message here
/// rather than write one, so no refusal reaches a caller in one language only.
/// What a caller sent is repeated only through <see cref="Echo"/>: a short prefix and its length.
/// </summary>
public static class SubsidyErrors
{
    // ---- the budget service ----
    public static Text LineLinkedMeanwhile(Guid lineId) => new(
        $"予算行 {lineId} はこの呼び出しの確認中に紐付けられました。再度実行してください。",
        $"Budget line {lineId} was linked while this call was being checked; retry.");

    public static Text BudgetUnreachableAboutLine(Guid lineId, string status) => new(
        $"このサービスがまだ受け取っていない予算行 {lineId} について、予算サービスに問い合わせられませんでした（{status}）。何も変更していません。しばらくしてから再度実行してください。",
        $"The budget service could not be asked about budget line {lineId}, which this service has not seen yet ({status}); nothing was "
        + $"changed. Retry later.");

    /// <summary>The budget service's own refusal, in the language the caller asked it for (the call forwards accept-language).</summary>
    public static Text BudgetRefused(string detail) => new($"予算サービスが拒否しました: {detail}", $"The budget service refused: {detail}");

    public static Text BudgetUnreachable(string status) => new(
        $"予算サービスに接続できませんでした（{status}）。", $"The budget service could not be reached ({status}).");

    public static Text ReservationUnanswered(string reason) => new(
        $"予算サービスが予算の確保に応答しませんでした（{reason}）。交付決定はしておらず、この申請のために確保された額は解放しました。しばらくしてから再度実行してください。",
        $"The budget service did not answer the reservation ({reason}); the application was not awarded and any money held for it is "
        + $"released. Retry later.");

    public static Text AwardUndone(Guid applicationId, double seconds) => new(
        $"申請 {applicationId} の交付決定は {seconds:0} 秒を超えたため取り消しました（確保額は解放済）。交付決定はされていません。再度実行してください。",
        $"The award of application {applicationId} took longer than {seconds:0} s and was undone (its money is released); it was not "
        + $"awarded. Retry.");

    public static Text MoneyStepInProgress(MoneyStepKind kind, Guid applicationId, DateTimeOffset startedAt) => new(
        $"申請 {applicationId} の{(kind == MoneyStepKind.Award ? "交付決定" : "確定")}の処理が進行中です（開始 {startedAt:u}）。終わってから再度実行してください。",
        $"An {kind.ToString().ToLowerInvariant()} of application {applicationId} is in progress (started {startedAt:u}); retry once "
        + $"it has ended.");

    // ---- programs (補助金制度) and their budget lines ----
    public static Text ProgramExists(string municipality, string name) => new(
        $"自治体 {municipality} には補助金制度{Echo.InJapanese(name)}が既にあります。",
        $"Municipality {municipality} already has a subsidy program named {Echo.Of(name)}.");

    public static Text ProgramHasApplications(string program) => new(
        $"{program}には申請があるため、削除できません。", $"{program} has applications; it cannot be deleted.");

    public static Text NoBudgetLine(string program, int year) => new(
        $"{program}には{year}年度の予算行が設定されていません。先に設定してください。", $"{program} names no budget line for FY{year}; set one first.");

    public static Text LineOfOtherYear(int lineYear, int year) => new(
        $"{lineYear}年度の予算行です。{year}年度の支出には使えません", $"is the FY{lineYear} budget line; it cannot be spent from in FY{year}");

    public static readonly Text LineYearTwice = new("同じ年度を二度指定しています", "names a fiscal year twice");

    public static Text RelinkLineOfNoDepartment(int year, Guid lineId) => new(
        $"fiscal_year: {year}年度の支出元の予算行 {lineId} はどの部署のものでもありません（推進項目が削除されたか、担当部署がありません）。付け替えられるのは管理者だけです。",
        $"fiscal_year: the FY{year} link spends from budget line {lineId}, which belongs to no department (its item is gone or names "
        + $"none); only an admin re-points it.");

    public static Text RelinkLineOfOtherDepartment(int year, Guid departmentId) => new(
        $"fiscal_year: {year}年度の支出元は部署 {departmentId} の予算行で、呼び出し元はその部署に所属していません。編集者が付け替えられるのは自部署の紐付けだけです。",
        $"fiscal_year: the FY{year} link spends from a line of department {departmentId}, which the caller does not work for; an editor "
        + $"re-points only its own departments' links.");

    public static Text DeleteProgramOfNoDepartmentsLine(Guid lineId) => new(
        $"この補助金制度は、どの部署のものでもない予算行 {lineId} から支出しています（推進項目が削除されたか、担当部署がありません）。この補助金制度を削除できるのは管理者だけです。",
        $"This subsidy program spends from budget line {lineId}, which belongs to no department (its item is gone or names none); only an "
        + $"admin may delete the program.");

    // ---- courses (コース) ----
    public static Text CourseExists(string program, string name) => new(
        $"{program}にはコース{Echo.InJapanese(name)}が既にあります。", $"{program} already has a course named {Echo.Of(name)}.");

    public static Text CourseHasApplications(string course) => new(
        $"コース{course}には申請があるため、削除できません。", $"Course {course} has applications; it cannot be deleted.");

    public static readonly Text CourseTwice = new("同じコースを二度指定しています", "names a course twice");

    public static readonly Text CapOrUnprinted = new(
        "0 円より大きくしてください（資料に上限の記載がなければ 0）", "must be more than 0 yen, or 0 when the document prints no cap");

    public static readonly Text RoundsPerYear = new("0（募集回なし）から 12 までにしてください", "must be between 0 (no rounds) and 12");

    public static readonly Text NewOrContinuing = new(
        "コースは新規事業と継続事業の少なくとも一方を受け付けなければなりません", "a course must accept new or continuing projects");

    public static Text NoNewProjects(string course) => new(
        $"コース{course}は新規事業を受け付けていません", $"course {course} does not accept new projects");

    public static Text NoContinuingProjects(string course) => new(
        $"コース{course}は継続事業を受け付けていません", $"course {course} does not accept continuing projects");

    public static Text NoRounds(string course) => new(
        $"0 にしてください。コース{course}には募集回がありません", $"must be 0: course {course} has no rounds");

    public static Text RoundOutOf(int roundsPerYear) => new(
        $"1 から {roundsPerYear} までにしてください（年{roundsPerYear}回募集）", $"must be 1 to {roundsPerYear} (年{roundsPerYear}回募集)");

    // ---- applicants and applications (申請) ----
    public static Text ApplicantExists(string name, string municipality) => new(
        $"自治体 {municipality} には団体{Echo.InJapanese(name)}が既に登録されています。",
        $"A group named {Echo.Of(name)} is already registered in municipality {municipality}.");

    public static Text AboveCourseCap(long amountYen, string course, long capYen) => new(
        $"{amountYen:N0} 円は{course}の上限 {capYen:N0} 円を超えています。", $"{amountYen:N0} yen is above the {course} cap of {capYen:N0} yen.");

    public static Text AboveRequested(long amountYen, long requestedYen) => new(
        $"{amountYen:N0} 円は申請額 {requestedYen:N0} 円を超えています。", $"{amountYen:N0} yen is more than the {requestedYen:N0} yen requested.");

    public static Text AlreadyAwarded(string applicant, string course) => new(
        $"{applicant}はコース{course}で既に交付決定を受けています（1団体各コース1回まで）。",
        $"{applicant} has already been awarded in course {course} (1団体各コース1回まで).");

    public static Text AboveAward(long settledYen, long awardedYen) => new(
        $"確定額 {settledYen:N0} 円は交付決定額 {awardedYen:N0} 円を超えています。",
        $"The settled amount {settledYen:N0} yen exceeds the award of {awardedYen:N0} yen.");

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["start review"] = "審査を開始",
        ["award"] = "交付決定",
        ["reject"] = "不採択に",
        ["withdraw"] = "取下げ",
        ["report results of"] = "実績報告",
        ["settle"] = "確定",
    };

    private static string Japanese(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "申請済",
        ApplicationStatus.UnderReview => "審査中",
        ApplicationStatus.Awarded => "交付決定済",
        ApplicationStatus.Rejected => "不採択",
        ApplicationStatus.Withdrawn => "取下げ済",
        ApplicationStatus.Reported => "実績報告済",
        ApplicationStatus.Settled => "確定済",
        _ => status.ToString(),
    };

    private static string English(ApplicationStatus status) => status switch
    {
        ApplicationStatus.UnderReview => "under review (審査)",
        ApplicationStatus.Awarded => "awarded (交付決定)",
        ApplicationStatus.Reported => "reported (実績報告)",
        ApplicationStatus.Settled => "settled (確定)",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static Text InvalidTransition(string action, ApplicationStatus status, IReadOnlyList<ApplicationStatus> allowed)
    {
        var japaneseAction = Actions.GetValueOrDefault(action, action);
        return new(
            $"{Japanese(status)}の申請は{japaneseAction}できません。{japaneseAction}できるのは{string.Join("・", allowed.Select(Japanese))}の申請だけです。",
            $"Cannot {action} an application that is {English(status)}; it must be {string.Join(" or ", allowed.Select(English))}.");
    }

    // ---- imported results of past years ----
    public static readonly Text ResultTwice = new(
        "同じコース・同じ年度の実績を二度指定しています", "gives one course's figures of one fiscal year twice");

    public static Text NoteLength(int max) => new($"1 から {max} 文字にしてください", $"must have 1 to {max} characters");
    public static Text NoteAtMost(int max) => new($"{max} 文字以内にしてください", $"must have at most {max} characters");

    public static Text NotACourseOfProgram(string course) => new(
        $"{Echo.InJapanese(course)} はこの補助金制度のコースではありません", $"{Echo.Of(course)} is not a course of this program");

    public static readonly Text AtLeastTheAwards = new("交付件数以上にしてください", "must be at least the awards");
    public static readonly Text AmountNeedsAward = new("金額があるなら交付件数を 1 件以上にしてください", "an amount needs at least one award");

    public static Text AwardsSplit(int continuing, int @new, int awards) => new(
        $"awards_continuing {continuing} と awards_new {@new} の合計を awards {awards} と等しくしてください（記載がなければ両方 0）",
        $"awards_continuing {continuing} + awards_new {@new} must add up to awards {awards} (or both be 0: not printed)");

    public static Text AboveCapEach(long awardedYen, int awards, long eachYen, long capYen) => new(
        $"{awardedYen:N0} 円を {awards} 件で分けると 1 件あたり {eachYen:N0} 円となり、コースの上限 {capYen:N0} 円を超えます",
        $"{awardedYen:N0} yen over {awards} awards is {eachYen:N0} yen each, above the course cap of {capYen:N0} yen");

    public static Text RecordedResultsDiffer(string course, int year, int application, long awardedYen, ProjectKind kind) => new(
        $"{course}の{year}年度は別の数値で既に記録されています（申請 {application}: {awardedYen:N0} 円"
        + $"{kind switch { ProjectKind.New => "、新規事業", ProjectKind.Continuing => "、継続事業", _ => "" }}）。取り込みで過去の記録を書き換えることはしません。",
        $"{course} FY{year} is already recorded with other figures (application {application}: {awardedYen:N0} yen"
        + $"{(kind == ProjectKind.Unspecified ? "" : $", {kind} project")}); history is not rewritten by an import.");
}
