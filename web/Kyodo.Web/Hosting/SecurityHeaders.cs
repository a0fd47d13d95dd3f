namespace Kyodo.Web.Hosting;

/// <summary>
/// Every page may load only from this deployment (the "no CDN", enforced by the browser):
/// scripts, styles, images and connections from the app's own origin. Styles allow inline because
/// ECharts sizes its SVG through style attributes; no inline script is allowed. Pages are never
/// framed, and nothing is sniffed.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        await next(context);
    });
}
