using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Kyodo.Testing;

/// <summary>
/// A REST call straight to a service, as the gateway forwards one: JSON over HTTP/2 cleartext to the
/// service's gRPC port, where its JSON transcoding answers. Carries <see cref="TestAuth.SystemToken"/> unless told otherwise.
/// </summary>
public static class TranscodedRest
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<(HttpStatusCode Status, JsonElement Body)> RestAsync(
        this ServiceUnderTest service, HttpMethod method, string path, string? json = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(service.GrpcAddress, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? TestAuth.SystemToken());
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A PATCH with <paramref name="body"/> serialised as JSON (anonymous objects: property names as written).</summary>
    public static Task<(HttpStatusCode Status, JsonElement Body)> PatchAsync(this ServiceUnderTest service, string path, object body,
        string? token = null) =>
        service.RestAsync(HttpMethod.Patch, path, JsonSerializer.Serialize(body), token);
}
