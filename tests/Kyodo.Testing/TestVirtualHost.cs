using System.Net.Http.Headers;
using System.Text;

namespace Kyodo.Testing;

/// <summary>
/// A RabbitMQ virtual host of its own for one test class, so exchanges and queues of
/// classes running in parallel never see each other's messages. Deleted afterwards.
/// </summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    private readonly HttpClient _management;

    public InfrastructureEndpoints Endpoints { get; }
    public string Name { get; }

    private TestVirtualHost(HttpClient management, InfrastructureEndpoints endpoints, string name)
    {
        _management = management;
        Endpoints = endpoints;
        Name = name;
    }

    public static async Task<TestVirtualHost> CreateAsync(InfrastructureEndpoints endpoints, string prefix)
    {
        var management = ManagementClient(endpoints);
        var name = $"t-{prefix}-{Guid.NewGuid():N}";
        await SendAsync(management, HttpMethod.Put, $"api/vhosts/{name}", "{}");
        await SendAsync(management, HttpMethod.Put, $"api/permissions/{name}/{endpoints.RabbitUser}",
            """{"configure":".*","write":".*","read":".*"}""");
        return new TestVirtualHost(management, endpoints, name);
    }

    /// <summary>Names of the queues that exist in this virtual host.</summary>
    public async Task<IReadOnlyList<string>> QueueNamesAsync()
    {
        using var json = System.Text.Json.JsonDocument.Parse(await _management.GetStringAsync($"api/queues/{Uri.EscapeDataString(Name)}"));
        return json.RootElement.EnumerateArray().Select(q => q.GetProperty("name").GetString()!).ToList();
    }

    /// <summary>
    /// Reads up to <paramref name="count"/> messages of a queue without consuming them (they are
    /// requeued): each as its AMQP headers and its body.
    /// </summary>
    public async Task<IReadOnlyList<(System.Text.Json.JsonElement Headers, string Body)>> PeekAsync(string queue, int count = 10)
    {
        using var request =
            new HttpRequestMessage(HttpMethod.Post, $"api/queues/{Uri.EscapeDataString(Name)}/{Uri.EscapeDataString(queue)}/get")
            {
                Content = new StringContent($$"""{"count":{{count}},"ackmode":"ack_requeue_true","encoding":"auto"}""", Encoding.UTF8,
                "application/json"),
            };
        using var response = await _management.SendAsync(request);
        if (!response.IsSuccessStatusCode) return [];
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.EnumerateArray()
            .Select(m => (m.GetProperty("properties").TryGetProperty("headers", out var h) ? h.Clone() : default,
                m.GetProperty("payload").GetString() ?? ""))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        using var response = await _management.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(Name)}");
        _management.Dispose();
    }

    private static HttpClient ManagementClient(InfrastructureEndpoints endpoints)
    {
        var client = new HttpClient { BaseAddress = endpoints.RabbitManagementUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{endpoints.RabbitUser}:{endpoints.RabbitPassword}")));
        return client;
    }

    private static async Task SendAsync(HttpClient client, HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"RabbitMQ management API {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
