namespace Kyodo.Web.Hosting;

/// <summary>
/// Where the web app finds the gateway (<c>Services:Gateway</c>, its h2c gRPC address, the key the
/// services use for each other) and under which path the gateway routes browsers to it
/// (<c>Web:PathBase</c>, default <c>/app</c>).
/// </summary>
public sealed record WebOptions(Uri GatewayAddress, string PathBase)
{
    public static WebOptions Read(IConfiguration configuration)
    {
        var wrong = new List<string>();
        var gateway = configuration["Services:Gateway"];
        if (!Uri.TryCreate(gateway, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            wrong.Add("Services:Gateway (environment Services__Gateway: the gateway's gRPC address, e.g. http://gateway:5080)");
        var pathBase = configuration["Web:PathBase"] ?? "/app";
        if (!pathBase.StartsWith('/') || pathBase.EndsWith('/'))
            wrong.Add("Web:PathBase (a path such as /app: leading slash, none at the end)");
        if (wrong.Count > 0) throw new InvalidOperationException("The web app's settings are not valid: " + string.Join(", ", wrong));
        return new WebOptions(address!, pathBase);
    }
}
