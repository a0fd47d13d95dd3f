using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Kyodo.ServiceDefaults.Security;

/// <summary>
/// Every call but gRPC health and reflection must carry a valid bearer token (issuer, audience,
/// lifetime, signature: <see cref="TokenValidation"/>); otherwise UNAUTHENTICATED, saying what
/// is wrong with the token (never why a signature failed beyond "does not verify").
/// </summary>
public sealed class AuthenticationInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    /// <summary>gRPC's own services: operators and orchestrators probe them without a token.</summary>
    public static bool IsOpen(string method) =>
        method.StartsWith("/grpc.health.v1.", StringComparison.Ordinal) || method.StartsWith("/grpc.reflection.", StringComparison.Ordinal);

    private static async Task AuthenticateAsync(ServerCallContext context)
    {
        if (IsOpen(context.Method)) return;
        var http = context.GetHttpContext();
        // The handler caches its result per request, so this costs nothing after the middleware ran.
        var result = await http.AuthenticateAsync();
        if (!result.Succeeded)
            throw new UnauthenticatedException(Describe(result));
        if (result.Principal.FindFirst(KyodoClaims.Subject)?.Value is not { Length: > 0 })
            throw new UnauthenticatedException(new Text("ベアラートークンに主体（sub）がありません。", "The bearer token names no subject (sub)."));
        http.User = result.Principal;
    }

    private static Text Describe(AuthenticateResult result) => result.Failure switch
    {
        null => new("ベアラートークンがありません。メタデータ 'authorization: Bearer <token>' を送ってください。",
            "No bearer token: send the metadata 'authorization: Bearer <token>'."),
        SecurityTokenExpiredException expired => new($"ベアラートークンは {expired.Expires:u} に期限が切れています。",
            $"The bearer token expired at {expired.Expires:u}."),
        SecurityTokenNotYetValidException early => new($"ベアラートークンは {early.NotBefore:u} より前には有効ではありません。",
            $"The bearer token is not valid before {early.NotBefore:u}."),
        SecurityTokenInvalidAudienceException => new("ベアラートークンは別の宛先（audience）のものです。", "The bearer token is for another audience."),
        SecurityTokenInvalidIssuerException => new("ベアラートークンの発行者はこのサービスが信頼するものではありません。",
            "The bearer token comes from an issuer this service does not trust."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            new("ベアラートークンの署名を検証できません。", "The bearer token's signature does not verify."),
        SecurityTokenNoExpirationException => new("ベアラートークンに有効期限がありません。", "The bearer token has no expiry."),
        _ => new("ベアラートークンの形式が正しくないか、無効です。", "The bearer token is malformed or invalid."),
    };
}
