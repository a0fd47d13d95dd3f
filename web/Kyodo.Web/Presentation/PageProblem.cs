using Grpc.Core;

namespace Kyodo.Web.Presentation;

/// <summary>Why a page could not show what was asked, for a person, with the HTTP status it answers.</summary>
public sealed record PageProblem(int Status, string Title, string Detail, bool SignInAgain = false)
{
    public static readonly PageProblem NotFound = new(404, "見つかりません", "お探しのページまたはデータは存在しないか、表示できません。");

    public static PageProblem From(RpcException e) => e.StatusCode switch
    {
        StatusCode.NotFound => NotFound,
        StatusCode.PermissionDenied => new(403, "権限がありません", "この操作はあなたの権限では行えません。" + Said(e)),
        StatusCode.Unauthenticated => new(401, "サインインが必要です", "サインインし直してください。", SignInAgain: true),
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => new(400, "入力を確認してください", e.Status.Detail),
        StatusCode.Aborted => new(409, "ほかの人が先に変更しました", "最新の内容を読み込み直してから、もう一度お試しください。"),
        StatusCode.ResourceExhausted => new(429, "混み合っています", "しばらく待ってから、もう一度お試しください。"),
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => new(503, "サービスに接続できません", "しばらく待ってから、もう一度お試しください。"),
        _ => new(502, "エラーが発生しました", "サービスが予期しない応答をしました（" + e.StatusCode + "）。"),
    };

    // The service's own words for a refusal (they name the rule), when it gave any.
    private static string Said(RpcException e) => string.IsNullOrWhiteSpace(e.Status.Detail) ? "" : "（" + e.Status.Detail + "）";
}
