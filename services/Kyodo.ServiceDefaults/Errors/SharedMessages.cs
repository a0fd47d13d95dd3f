using Kyodo.Security;
using Kyodo.ServiceDefaults.Grpc;
namespace Kyodo.ServiceDefaults.Errors;

/// <summary>
/// The catalogue of the messages every service shares (its own live beside its handlers): each in
/// Japanese and English. Resource names in NOT_FOUND are translated here too, so every service's
/// "not found" reads in the caller's language.
/// What a caller sent (an id, a number's text, a municipality code) is repeated only through
/// <see cref="Echo"/>, a short prefix and its length, so no input makes a status grow.
/// </summary>
public static class SharedMessages
{
    // ---- validation (RequestValidation and the shared field readers) ----
    public static readonly Text Required = new("必須です", "is required");
    public static readonly Text NotAUuid = new("UUID ではありません", "must be a UUID");
    public static readonly Text NoNulCharacter = new("NUL 文字を含められません", "must not contain a NUL character");
    public static Text MaxLength(int max) => new($"{max} 文字以内にしてください", $"must be at most {max} characters");

    public static Text InvalidRequest(IEnumerable<FieldViolation> violations)
    {
        var list = violations.ToList();
        return new(
            "リクエストに誤りがあります: " + string.Join("; ", list.Select(v => $"{v.Field}: {v.Text.Japanese}")),
            "The request is invalid: " + string.Join("; ", list.Select(v => $"{v.Field}: {v.Text.English}")));
    }

    // ---- the shared field readers (InputValidation, MunicipalityCode, Paging) ----
    public static readonly Text NotNegative = new("0 以上にしてください", "must not be negative");
    public static readonly Text FiscalYearRequired =
        new("必須です（2020、H32、令和2年度 などの年度）", "is required (a fiscal year such as 2020, H32 or 令和2年度)");
    public static readonly Text NotAFiscalYear = new("年度ではありません", "is not a fiscal year");
    public static readonly Text NumberRequired = new("必須です（数値）", "is required (a number)");
    public static Text NotANumber(string text) => new($"{Echo.InJapanese(text)} は数値ではありません", $"{Echo.Of(text)} is not a number");
    public static readonly Text NotAMunicipalityCode = new(
        "5 桁の地方公共団体コード（JIS X 0402、検査数字なし）にしてください。例: 20208",
        "must be a 5-digit local-government code (JIS X 0402 without check digit), e.g. 20208");
    public static Text PageSize(int defaultSize, int max) => new(
        $"0（既定 {defaultSize}）から {max} までにしてください", $"must be between 0 (default {defaultSize}) and {max}");
    public static readonly Text NotAPageToken = new("このサービスが返したトークンではありません", "is not a token this service returned");

    // ---- every text field (TextHygiene); position is the character's place, from 1 ----
    public static Text TooLong(int max, int length) => new(
        $"{max:N0} 文字以内にしてください（{length:N0} 文字あります）", $"must be at most {max:N0} characters (it has {length:N0})");
    public static Text NulCharacterAt(int position) => new(
        $"NUL 文字（U+0000）を含められません（{position:N0} 文字目）", $"must not contain a NUL character (U+0000) (character {position:N0})");
    public static Text OneLine(char c, int position) => new(
        $"1 行にしてください。タブや改行は入れられません（U+{(int)c:X4}、{position:N0} 文字目）",
        $"must be one line: no tab or line break (U+{(int)c:X4} character {position:N0})");
    public static Text LoneSurrogate(char c, int position) => new(
        $"正しい Unicode にしてください。対になっていないサロゲート U+{(int)c:X4} があります（{position:N0} 文字目）",
        $"must be valid Unicode: a lone surrogate U+{(int)c:X4} (character {position:N0})");
    public static Text ControlCharacter(char c, int position) => new(
        $"制御文字 U+{(int)c:X4} を含められません（{position:N0} 文字目）",
        $"must not contain the control character U+{(int)c:X4} (character {position:N0})");

    // ---- update masks (UpdateRule); the paths are the caller's, echoed ----
    public static Text MaskNamesNothing(string example, string all) => new(
        $"変更するフィールドがありません。フィールドを指定するか（例: {example}）、すべてを置き換えるなら {all} を指定してください",
        $"names no field to change: name them (e.g. {example}), or {all} to replace every field");
    public static Text FixedField(string path, Text why) => new(
        $"{Echo.InJapanese(path)} はここでは変更できません: {why.Japanese}", $"{Echo.Of(path)} cannot be changed here: {why.English}");
    public static Text PartOfLeaf(string path, string leaf) => new(
        $"{Echo.InJapanese(path)} は {leaf} の一部で、{leaf} はまとめてしか変更できません。{leaf} を指定してください",
        $"{Echo.Of(path)} is part of {leaf}, which changes as a whole: name {leaf}");
    public static Text NotAFieldToChange(string path) => new(
        $"{Echo.InJapanese(path)} は変更するフィールドではありません（対象の記録、読んだ版、変更の仕方を示すものです）",
        $"{Echo.Of(path)} is not a field to change (it says which record, which version was read, or how to make the change)");
    public static Text NotAFieldOf(string path, string request, string fields) => new(
        $"{Echo.InJapanese(path)} は {request} のフィールドではありません。フィールドは {fields} です",
        $"{Echo.Of(path)} is not a field of {request}; the fields are {fields}");

    // ---- checks several services make of their own fields ----
    public static Text NotAValueOf(string enumName) => new($"{enumName} の値ではありません", $"is not a {enumName} value");
    public static readonly Text MustNotBeNegative = new("負の数にはできません", "must not be negative");
    public static readonly Text MoreThanZeroYen = new("0 円より大きくしてください", "must be more than 0 yen");
    public static readonly Text FiscalYearTwice = new("同じ年度を二度指定しています", "gives a fiscal year twice");
    public static readonly Text PlausibleFiscalYear = new(
        $"{FiscalYears.Earliest} から {FiscalYears.Latest} までの西暦の年度にしてください",
        $"must be a Gregorian fiscal year between {FiscalYears.Earliest} and {FiscalYears.Latest}");

    // ---- who may do what (Security) ----
    public static Text NotDeclared(string service, string method) => new(
        $"{service}/{method} はどのアクセス規則にも宣言されていないため、誰も使えません。",
        $"{service}/{method} is declared in no access rule, so no caller may use it.");
    public static Text OtherMunicipality(string field, string? reached, string code) => new(
        $"{field}: トークンが届くのは自治体 {reached} です。{Echo.InJapanese(code)} は別の自治体です。",
        $"{field}: the token reaches municipality {reached}; {Echo.Of(code)} is another municipality.");
    public static Text NotTheCallersDepartments(string what) => new(
        $"この{Noun(what)}は呼び出し元の所属しない部署のものです。編集者が変更できるのは自部署の記録だけです。",
        $"This {what} belongs to departments the caller does not work for; an editor changes only its own departments' records.");
    public static Text NoDepartmentAdminOnly(string what) => new(
        $"この{Noun(what)}はどの部署のものでもありません。削除できるのは管理者だけです。",
        $"This {what} belongs to no department; only an admin may delete it.");
    public static Text DeletionNeeds(string what, string departments) => new(
        $"この{Noun(what)}を削除するには部署 {departments} が必要ですが、呼び出し元はそこに所属していません。編集者が削除できるのは、決める部署すべてに所属する記録だけです。",
        $"Deleting this {what} needs department(s) {departments}, which the caller does not work for; an editor deletes a record only when "
        + $"it works for every department that decides it.");
    public static Text MayNotAssign(string field, string departments) => new(
        $"{field}: 編集者は部署 {departments} を割り当てられません。呼び出し元の部署ではありません。",
        $"{field}: an editor may not assign department(s) {departments}; they are not the caller's.");
    public static Text MayNotRemove(string field, string departments) => new(
        $"{field}: 編集者は部署 {departments} を外せません。呼び出し元の部署ではありません。",
        $"{field}: an editor may not remove department(s) {departments}; they are not the caller's.");
    public static Text LeadChange(string field) => new(
        $"{field}: 編集者が主担当（先頭）の部署を変えられるのは、自部署から別の自部署へだけです。",
        $"{field}: an editor may change the lead (first) department only from one of its own departments to another of its own.");
    public static Text KeepOwnDepartment(string field) => new(
        $"{field}: 呼び出し元の部署を少なくとも一つ残してください。編集者は記録を他の部署へ渡せません。",
        $"{field}: must keep at least one of the caller's own departments; an editor cannot hand a record to other departments.");

    public static readonly Text OnlyReadersOfEveryMunicipality = new(
        "この一覧は全自治体の記録を含むため、kyodo.read と kyodo.all-municipalities を持つシステムの呼び出し元だけが読めます。",
        "This list holds every municipality's records: only a system caller with kyodo.read and kyodo.all-municipalities may read it.");

    // ---- missing records ----
    private static readonly Dictionary<string, string> ResourceNames = new(StringComparer.Ordinal)
    {
        ["plan"] = "計画",
        ["node"] = "計画の体系",
        ["item"] = "推進項目",
        ["indicator"] = "指標",
        ["priority goal"] = "重点目標",
        ["department"] = "部署",
        ["municipality"] = "自治体",
        ["budget line"] = "予算行",
        ["reservation"] = "予算の確保",
        ["subsidy program"] = "補助金制度",
        ["course"] = "コース",
        ["applicant"] = "申請団体",
        ["application"] = "申請",
    };

    /// <summary>The Japanese of a resource noun services name records by ("budget line" → 予算行); unknown ones stay as given.</summary>
    public static string Noun(string resource) => ResourceNames.GetValueOrDefault(resource, resource);

    public static Text NotFound(string resource, string id) =>
        new($"{Noun(resource)}{Echo.InJapanese(id)}は見つかりません。", $"{resource} {Echo.Of(id)} was not found.");

    // ---- what the error interceptor says itself ----
    public static readonly Text ChangedBySomeoneElse = new(
        "この記録は他の人が変更しました。読み直してから再度実行してください。", "The record was changed by someone else; read it again and retry.");
    public static readonly Text DuplicateKey = new("同じキーの記録が既にあります。", "A record with the same key already exists.");
    public static readonly Text Collided = new("同時に行われた変更と衝突しました。再度実行してください。", "The change collided with a concurrent one; retry.");
    public static readonly Text Cancelled = new("呼び出しが取り消されたか、期限を過ぎました。", "The call was cancelled or its deadline passed.");

    public static Text DatabaseUnreachable(string service) => new(
        $"{service} サービスは現在データベースに接続できません。しばらくしてから再度実行してください。",
        $"The {service} service cannot reach its database right now; retry later.");

    public static Text DatabaseTimedOut(string service) => new(
        $"{service} サービスはデータベースの応答を待ちきれませんでした。しばらくしてから再度実行してください。",
        $"The {service} service timed out waiting for its database; retry later.");

    public static Text DeadlinePassed(string service) => new(
        $"{service} サービスが応答する前に呼び出しの期限を過ぎました。",
        $"The call's deadline passed before the {service} service could answer.");

    public static Text Internal(string service, string? trace) => new(
        $"{service} サービスで内部エラーが発生しました。記録済みです（トレース {trace}）。",
        $"An internal error occurred in the {service} service; it has been logged (trace {trace}).");

    public static Text Starting(string service) => new(
        $"{service} サービスは起動中です。データベースの準備がまだできていません。",
        $"The {service} service is starting: its database is not ready yet.");

    public static Text StaleVersion(string resource, long current, long expected) => new(
        $"この{Noun(resource)}は他の人が変更しました（現在の版 {current}、送られた版 {expected}）。読み直してから再度実行してください。",
        $"The {resource} was changed by someone else (version {current}, you sent {expected}); read it again and retry.");

    // ---- request ids (AIP-155) ----
    public static readonly Text NotARequestId = new(
        "UUID にしてください（例: 3f2b8c1e-9d4a-4e6b-8f0a-2c7d5e1b9a64）", "must be a UUID (such as 3f2b8c1e-9d4a-4e6b-8f0a-2c7d5e1b9a64)");

    public static Text RequestIdReused(string requestId, string firstOperation) => new(
        $"request_id {requestId} は別の {firstOperation} 要求で使われ、その要求が実行済みです。この要求は実行していません。新しい要求には新しい request_id を使ってください。",
        $"request_id {requestId} was first used for a different {firstOperation} request, which was carried out; this one was not. Use a "
        + $"new request_id for a new request.");
}
