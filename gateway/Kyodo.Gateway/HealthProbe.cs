namespace Kyodo.Gateway;

/// <summary>
/// <c>dotnet Kyodo.Gateway.dll healthcheck</c> (<c>healthcheck ready</c>): asks the running
/// gateway's /healthz (/readyz) on the health port of Kestrel:Endpoints:Health:Url and exits 0
/// on 2xx, 1 otherwise (the container HEALTHCHECK: the runtime image has no curl). The services
/// do the same in ServiceDefaults' RunKyodoServiceAsync, which the gateway does not reference.
/// </summary>
public static class HealthProbe
{
    public static bool Requested(string[] args) => args is ["healthcheck"] or ["healthcheck", "ready"];

    public static async Task<int> RunAsync(IConfiguration configuration, string[] args)
    {
        var listen = BindingAddress.Parse(configuration["Kestrel:Endpoints:Health:Url"]
            ?? throw new InvalidOperationException("Kestrel:Endpoints:Health:Url is not configured."));
        var host = listen.Host is "0.0.0.0" or "+" or "*" or "[::]" or "localhost" ? "127.0.0.1" : listen.Host;
        var url = $"http://{host}:{listen.Port}{(args.Length == 2 ? "/readyz" : "/healthz")}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url);
            if (response.IsSuccessStatusCode) return 0;
            Console.Error.WriteLine($"{url}: {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{url}: {e.Message}");
        }
        return 1;
    }
}
