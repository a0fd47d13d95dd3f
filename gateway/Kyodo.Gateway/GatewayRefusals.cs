using System.Text.Json;
using Grpc.Core;
using Kyodo.Security;

namespace Kyodo.Gateway;

/// <summary>
/// How the gateway itself refuses a call, in the caller's protocol: a gRPC caller gets a
/// trailers-only response (HTTP 200, the status in the headers) with the right gRPC status,
/// since a bare HTTP 401 or 429 would reach a gRPC client as UNAUTHENTICATED or UNAVAILABLE
/// at best; a REST caller gets the HTTP status with a JSON body shaped like the transcoded
/// services' errors (<c>{"code", "message", "details"}</c>). The message is in the caller's
/// language (Accept-Language, as the services choose theirs: <see cref="ErrorLanguages"/>).
/// </summary>
public static class GatewayRefusals
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static async Task WriteAsync(HttpContext context, StatusCode grpcStatus, int httpStatus, Text text)
    {
        var languages = context.RequestServices.GetRequiredService<ErrorLanguages>();
        var message = text.In(languages.Negotiate(context.Request.Headers.AcceptLanguage.ToString()));
        var response = context.Response;
        if (IsGrpc(context.Request))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = ((int)grpcStatus).ToString();
            response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            await response.CompleteAsync();
            return;
        }
        response.StatusCode = httpStatus;
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, new { code = (int)grpcStatus, message, details = Array.Empty<object>() });
    }
}
