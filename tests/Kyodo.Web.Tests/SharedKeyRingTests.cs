using System.Net;
using System.Text.RegularExpressions;
using Kyodo.Testing;
using Kyodo.Web.Hosting;

namespace Kyodo.Web.Tests;

/// <summary>
/// Replicas of the web app that share a key ring (DataProtection:KeyRing) read each other's
/// sessions: a member of staff signed in on one pod is still signed in when the next request
/// lands on another. A replica with keys of its own does not, which is why production mounts one.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class SharedKeyRingTests(WebFixture web) : IAsyncLifetime
{
    private readonly string _keyRing = Directory.CreateTempSubdirectory("kyodo-web-keys-").FullName;
    private readonly OwnedResources _owned = new();

    public Task InitializeAsync()
    {
        SharedKeyRing.CreateKey(_keyRing, TimeSpan.FromDays(30 + 7));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ASessionStartedOnOneReplicaIsReadByAnotherSharingTheKeyRingAndByNoOtherReplica()
    {
        var first = await StartReplicaAsync(_keyRing);
        var second = await StartReplicaAsync(_keyRing);
        var ownKeys = await StartReplicaAsync(keyRing: null);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });

        var signIn = await browser.GetStringAsync(new Uri(first.RestAddress, $"app/signin?municipality={WebFixture.Komoro}"));
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(signIn).Groups[1].Value,
            ["municipality"] = WebFixture.Komoro, ["role"] = "viewer", ["returnUrl"] = "/app/plans",
        });
        using var signedIn = await browser.PostAsync(new Uri(first.RestAddress, "app/signin/dev"), form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        using var onSecond = await browser.GetAsync(new Uri(second.RestAddress, "app/plans"));
        using var onOwnKeys = await browser.GetAsync(new Uri(ownKeys.RestAddress, "app/plans"));

        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains("小諸市", await onSecond.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, onOwnKeys.StatusCode);
        Assert.Contains("/signin", onOwnKeys.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AReplicaWhoseKeyRingRunsOutWithinAMonthStaysReadyButSaysSo()
    {
        var replica = await StartReplicaAsync(_keyRing);
        var soon = Directory.CreateTempSubdirectory("kyodo-web-keys-soon-").FullName;
        SharedKeyRing.CreateKey(soon, TimeSpan.FromDays(10));
        var expiring = await StartReplicaAsync(soon);

        var (healthy, healthyBody) = await replica.GetHealthAsync("/readyz");
        var (degraded, degradedBody) = await expiring.GetHealthAsync("/readyz");

        Assert.Equal((200, "Healthy"), (healthy, healthyBody.Trim()));
        Assert.Equal((200, "Degraded"), (degraded, degradedBody.Trim()));
    }

    private async Task<ServiceUnderTest> StartReplicaAsync(string? keyRing) =>
        _owned.Own(await ServiceUnderTest.StartAsync(WebApp.Create, new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Gateway"] = web.System.Gateway.GrpcAddress.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Kestrel:Endpoints:Web:Url"] = "http://127.0.0.1:0",
            ["DataProtection:KeyRing"] = keyRing,
        }));

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
        Directory.Delete(_keyRing, recursive: true);
    }
}
