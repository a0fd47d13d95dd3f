using Grpc.Core;
using Kyodo.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace Kyodo.Gateway;

/// <summary>
/// Refuses every call without a valid bearer token (missing, expired, not yet valid, wrong
/// audience or issuer, bad signature) before it is forwarded: UNAUTHENTICATED for gRPC, HTTP
/// 401 for REST. Endpoints marked AllowAnonymous (health) pass. The token itself travels on
/// to the service in the authorization header, which validates it again (a service must not
/// trust that a call came through the gateway).
/// </summary>
public sealed class GatewayAuthentication(RequestDelegate next, ILogger<GatewayAuthentication> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true
            || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(context);
            return;
        }

        // UseAuthentication already ran the handler; this returns its cached result.
        var result = await context.AuthenticateAsync();
        var reason = Reason(result.Failure);
        logger.LogInformation("Refused {Path} from {Address}: {Reason}", context.Request.Path, context.Connection.RemoteIpAddress, reason);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await GatewayRefusals.WriteAsync(context, StatusCode.Unauthenticated, StatusCodes.Status401Unauthorized, reason);
    }

    // Says which check failed, never the token's contents or the expected values.
    private static Text Reason(Exception? failure) => failure switch
    {
        null => new("ベアラートークンが必要です（authorization: Bearer <JWT>）", "a bearer token is required (authorization: Bearer <JWT>)"),
        SecurityTokenExpiredException => new("ベアラートークンの期限が切れています", "the bearer token has expired"),
        SecurityTokenNotYetValidException => new("ベアラートークンはまだ有効ではありません", "the bearer token is not valid yet"),
        SecurityTokenInvalidAudienceException => new("ベアラートークンはこの宛先（audience）のものではありません", "the bearer token is not for this audience"),
        SecurityTokenInvalidIssuerException => new("ベアラートークンの発行者が不明です", "the bearer token is from an unknown issuer"),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            new("ベアラートークンの署名が正しくありません", "the bearer token's signature is not valid"),
        _ => new("ベアラートークンが無効です", "the bearer token is not valid"),
    };
}
