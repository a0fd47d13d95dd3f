using Kyodo.Security;

namespace Kyodo.Gateway;

/// <summary>What the gateway itself says when it refuses a call, in Japanese and English (GatewayRefusals picks one).</summary>
public static class GatewayMessages
{
    public static Text RateLimited(double perSecond, int burst, int seconds) => new(
        $"呼び出しの上限（毎秒 {perSecond} 件、バースト {burst} 件）を超えました。{seconds} 秒後に再度実行してください",
        $"rate limit of {perSecond} requests per second (burst {burst}) exceeded; retry after {seconds} s");

    public static Text BackendUnavailable(string service, object error) => new(
        $"{service} は利用できません（{error}）。しばらくしてから再度実行してください",
        $"{service} is unavailable ({error}); retry later");

    public static Text NotATimeout(string given) => new(
        $"{GrpcTimeout.Header} ヘッダー '{given}' はタイムアウトではありません: {GrpcTimeout.Format}",
        $"the {GrpcTimeout.Header} header '{given}' is not a timeout: {GrpcTimeout.Format}");

    public static Text NoAnswerWithinDeadline(TimeSpan timeout) => new(
        $"呼び出しの期限（{timeout.TotalSeconds:0.###} 秒）内にサービスが応答しませんでした",
        $"no answer from the service within the call's deadline ({timeout.TotalSeconds:0.###} s)");

    public static Text BodyTooLarge(long? length, long cap) => new(
        $"リクエスト本文は {length} バイトです。ゲートウェイが受け付けるのは {cap} バイトまでです",
        $"the request body is {length} bytes; the gateway accepts at most {cap}");

    public static Text MessageTooLarge(long length, long cap) => new(
        $"リクエストのメッセージは {length} バイトです。ゲートウェイが受け付けるのは {cap} バイトまでです",
        $"the request message is {length} bytes; the gateway accepts at most {cap}");

    public static Text UnknownCompression(string encoding) => new(
        $"リクエストのメッセージは '{encoding}' で圧縮されています。ゲートウェイが受け付けるのは gzip と deflate です",
        $"the request message is compressed as '{encoding}'; the gateway accepts gzip and deflate");

    public static Text BrokenCompression(string encoding) => new(
        $"圧縮されたリクエストのメッセージが不完全か、正しい {encoding} ではありません",
        $"the compressed request message is incomplete or not valid {encoding}");

    public static Text InflatesTooLarge(long cap) => new(
        $"リクエストのメッセージは展開すると {cap} バイトを超えます。ゲートウェイが受け付けるのは {cap} バイトまでです",
        $"the request message decompresses to more than {cap} bytes; the gateway accepts at most {cap}");
}
