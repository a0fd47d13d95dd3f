using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kyodo.Deployment.Tests.Support;

/// <summary>What an application is: a service (own database, migration), the gateway, or the web app.</summary>
public enum AppKind { Service, Gateway, Web }

/// <summary>
/// One deployable application (a service, the gateway or the web app) as its source describes
/// it: its ports (appsettings.json), the health paths it maps, and the configuration keys it
/// reads, derived from its code and settings (see <see cref="ConfigurationKeys"/>).
/// </summary>
public sealed record App(
    string Name,                       // plan, budget, subsidy, reporting, gateway, web
    string ProjectName,                // Kyodo.Plan
    string ProjectDir,                 // services/Kyodo.Plan (relative, forward slashes)
    IReadOnlyList<string> ProjectDirs, // the project and every project it references, transitively
    AppKind Kind,
    // what callers use: h2c gRPC (Kestrel:Endpoints:Grpc), the web app's HTTP/1.1 pages (Kestrel:Endpoints:Web)
    int CallPort,
    int HealthPort,
    string HealthProtocols,
    IReadOnlySet<string> ServedHealthPaths,
    ConfigurationKeys Keys,
    int? RestPort = null)               // the gateway's REST (HTTP/1.1) listener, Kestrel:Endpoints:Rest
{
    /// <summary>Every port it listens on, from appsettings.json.</summary>
    public IEnumerable<int> Ports => RestPort is { } rest ? [CallPort, HealthPort, rest] : [CallPort, HealthPort];
    /// <summary>Whether callers use <paramref name="port"/> (gRPC, REST or pages), rather than probes (health).</summary>
    public bool IsCallPort(int port) => port == CallPort || port == RestPort;

    public bool IsGateway => Kind == AppKind.Gateway;
    /// <summary>Only services own a database, and so a migration step.</summary>
    public bool HasDatabase => Kind == AppKind.Service;
    /// <summary>The Kestrel endpoint of <see cref="CallPort"/>.</summary>
    public string CallEndpoint => Kind == AppKind.Web ? "Web" : "Grpc";
    /// <summary>The app.kubernetes.io/component label of its objects.</summary>
    public string Component => Kind switch { AppKind.Gateway => "gateway", AppKind.Web => "web", _ => "service" };

    public string Dll => ProjectName + ".dll";
    public string Dockerfile => ProjectDir + "/Dockerfile";
    public string Image => "kyodo/" + Name;
    /// <summary>The database it owns (the services; the gateway has none).</summary>
    public string? Database => HasDatabase ? "kyodo_" + Name : null;
    public override string ToString() => Name;
}

public static class Apps
{
    private static readonly Lazy<IReadOnlyList<App>> all = new(Discover);

    public static IReadOnlyList<App> All => all.Value;
    public static IEnumerable<App> Services => All.Where(a => a.HasDatabase);
    public static App Named(string name) => All.Single(a => a.Name == name);

    /// <summary>For [MemberData]: every application by name.</summary>
    public static TheoryData<string> Names => new(All.Select(a => a.Name));
    public static TheoryData<string> ServiceNames => new(Services.Select(a => a.Name));

    // Web projects under services/ are services; gateway/Kyodo.Gateway is the gateway, web/Kyodo.Web the web app.
    private static IReadOnlyList<App> Discover()
    {
        var projects = Directory.GetDirectories(Repo.PathOf("services"), "Kyodo.*")
            .Select(d => "services/" + Path.GetFileName(d))
            .Where(d => File.Exists(Repo.PathOf($"{d}/{Path.GetFileName(d)}.csproj"))
                        && Repo.Read($"{d}/{Path.GetFileName(d)}.csproj").Contains("Microsoft.NET.Sdk.Web"))
            .Append("gateway/Kyodo.Gateway")
            .Append("web/Kyodo.Web")
            .Order(StringComparer.Ordinal);
        return projects.Select(Load).ToList();
    }

    private static App Load(string projectDir)
    {
        var projectName = Path.GetFileName(projectDir);
        var name = projectName["Kyodo.".Length..].ToLowerInvariant();
        var dirs = ProjectClosure(projectDir);
        var sources = dirs.SelectMany(SourceFiles).ToDictionary(f => f, Repo.Read);

        using var settings = JsonDocument.Parse(Repo.Read(projectDir + "/appsettings.json"),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var endpoints = settings.RootElement.GetProperty("Kestrel").GetProperty("Endpoints");

        var served = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in sources.Values)
            foreach (Match m in Regex.Matches(text, """MapHealthChecks\(\s*"([^"]+)"""))
                served.Add(m.Groups[1].Value);

        var kind = projectDir.StartsWith("gateway/") ? AppKind.Gateway : projectDir.StartsWith("web/") ? AppKind.Web : AppKind.Service;
        return new App(
            name, projectName, projectDir, dirs, kind,
            PortOf(endpoints.GetProperty(kind == AppKind.Web ? "Web" : "Grpc").GetProperty("Url").GetString()!),
            PortOf(endpoints.GetProperty("Health").GetProperty("Url").GetString()!),
            endpoints.GetProperty("Health").TryGetProperty("Protocols", out var p) ? p.GetString()! : "",
            served,
            ConfigurationKeys.Derive(settings.RootElement, sources),
            endpoints.TryGetProperty("Rest", out var rest) ? PortOf(rest.GetProperty("Url").GetString()!) : null);
    }

    public static int PortOf(string kestrelUrl)
    {
        var m = Regex.Match(kestrelUrl, @":(\d+)/?$");
        return m.Success ? int.Parse(m.Groups[1].Value) : throw new FormatException("No port in " + kestrelUrl);
    }

    /// <summary>The project's folder and the folders of every project it references, transitively.</summary>
    public static IReadOnlyList<string> ProjectClosure(string projectDir)
    {
        var seen = new List<string>();
        void Visit(string dir)
        {
            if (seen.Contains(dir)) return;
            seen.Add(dir);
            var csproj = Directory.GetFiles(Repo.PathOf(dir), "*.csproj").Single();
            foreach (var reference in XDocument.Load(csproj).Descendants("ProjectReference"))
            {
                var target = Path.GetFullPath(
                    Path.Combine(Path.GetDirectoryName(csproj)!, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                Visit(Path.GetRelativePath(Repo.Root, Path.GetDirectoryName(target)!).Replace('\\', '/'));
            }
        }
        Visit(projectDir);
        return seen;
    }

    private static IEnumerable<string> SourceFiles(string dir) =>
        Directory.EnumerateFiles(Repo.PathOf(dir), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"));
}
