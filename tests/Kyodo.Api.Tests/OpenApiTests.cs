using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Api;
using Kyodo.Gateway;

namespace Kyodo.Api.Tests;

// The REST surface is described for integrators: the gateway serves an OpenAPI
// document made from the protos and a reference page that loads nothing from elsewhere.
[Collection(ApiSystemCollection.Name)]
public sealed class OpenApiTests(ApiSystemFixture system)
{
    private HttpClient Anonymous() => new() { BaseAddress = system.Gateway.RestAddress };

    [Fact]
    public async Task EveryRpcWithAnHttpRuleAppearsInTheGatewaysOpenApiDocumentUnderItsPathAndVerb()
    {
        using var http = Anonymous();
        using var response = await http.GetAsync(ApiReference.DocumentPath);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());

        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(verb => $"{verb.Name.ToUpperInvariant()} {Template(path.Name)}"))
            .ToHashSet();
        var rules = ProtoTools.Services.SelectMany(s => s.Methods)
            .Select(m => (Method: m, Rule: m.GetOptions()?.GetExtension(AnnotationsExtensions.Http)))
            .Where(r => r.Rule is not null)
            .ToList();

        Assert.True(rules.Count > 60, $"only {rules.Count} RPCs with an HTTP rule were found in the protos");
        var missing = rules.Select(r => $"{Verb(r.Rule!)} {Template(PathOf(r.Rule!))}  ({r.Method.FullName})")
            .Where(line => !described.Contains(line[..line.IndexOf("  (", StringComparison.Ordinal)]))
            .ToList();
        Assert.True(missing.Count == 0, "not in /openapi/v1.json:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task AnRpcsProtoCommentIsItsOperationsDescription()
    {
        using var http = Anonymous();
        using var document = JsonDocument.Parse(await http.GetStringAsync(ApiReference.DocumentPath));
        var award = document.RootElement.GetProperty("paths").EnumerateObject()
            .Single(p => Template(p.Name) == "/subsidy/v1/applications/{}:award").Value.GetProperty("post");
        var texts = new[] { "summary", "description" }.Select(k => award.TryGetProperty(k, out var v) ? v.GetString() : null);
        Assert.Contains(texts, text => text?.Contains("reserves the money in the budget service", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task TheReferencePageAndEverythingItLoadsComeFromTheGateway()
    {
        using var http = Anonymous();
        using var page = await http.GetAsync(ApiReference.PagePath + "/");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();

        // Nothing absolute anywhere in the page (attributes, inline configuration) but the gateway itself.
        var elsewhere = Regex.Matches(html, "https?://[^\\s\"'<>)]+").Select(m => m.Value)
            .Where(url => !Uri.TryCreate(url, UriKind.Absolute, out var absolute) || !absolute.IsLoopback)
            .ToList();
        Assert.True(elsewhere.Count == 0, "the page refers elsewhere: " + string.Join(", ", elsewhere));
        var urls = Regex.Matches(html, "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(urls, url => url.EndsWith(".js", StringComparison.Ordinal));
        foreach (var script in urls.Where(u => u.EndsWith(".js", StringComparison.Ordinal)))
        {
            using var asset = await http.GetAsync(new Uri(page.RequestMessage!.RequestUri!, script));
            Assert.True(asset.IsSuccessStatusCode, $"{script}: {(int)asset.StatusCode}");
        }
    }

    private static string Verb(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => "GET",
        HttpRule.PatternOneofCase.Post => "POST",
        HttpRule.PatternOneofCase.Put => "PUT",
        HttpRule.PatternOneofCase.Patch => "PATCH",
        HttpRule.PatternOneofCase.Delete => "DELETE",
        _ => rule.Custom.Kind.ToUpperInvariant(),
    };

    private static string PathOf(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => rule.Get,
        HttpRule.PatternOneofCase.Post => rule.Post,
        HttpRule.PatternOneofCase.Put => rule.Put,
        HttpRule.PatternOneofCase.Patch => rule.Patch,
        HttpRule.PatternOneofCase.Delete => rule.Delete,
        _ => rule.Custom.Path,
    };

    /// <summary>A path with its parameters' names dropped: documents may spell them in camelCase.</summary>
    private static string Template(string path) => Regex.Replace(path, "\\{[^}]*\\}", "{}");
}
