namespace Kyodo.Gateway;

/// <summary>
/// Where the web app listens (<c>Services:Web</c>, environment <c>Services__Web</c>: its HTTP/1.1
/// address). Optional: a gateway without it serves the API alone and /app/ answers 404.
/// </summary>
public sealed record WebBackend(Uri Address)
{
    public const string ClusterId = "Web";

    public static WebBackend? FromConfiguration(IConfiguration configuration)
    {
        var value = configuration["Services:Web"];
        if (string.IsNullOrEmpty(value)) return null;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new WebBackend(uri)
            : throw new InvalidOperationException(
                $"Services:Web (environment Services__Web) must be the web app's http:// address, not '{value}'");
    }
}
