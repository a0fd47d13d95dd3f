using System.Text.RegularExpressions;

namespace Kyodo.Deployment.Tests;

/// <summary>
/// Each application's Dockerfile: SDK build stage, ASP.NET runtime stage, from the repository
/// root, with every project it references; non-root; the ports and dll its source declares;
/// a health check through the healthcheck command; nothing secret.
/// </summary>
public class DockerfileTests
{
    private sealed record Instruction(string Keyword, string Arguments);

    private static List<Instruction> Parse(string dockerfile)
    {
        var text = Regex.Replace(Repo.Read(dockerfile), @"\\\r?\n", " ");
        return text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Select(p => new Instruction(p[0].ToUpperInvariant(), p.Length > 1 ? Regex.Replace(p[1], @"\s+", " ") : ""))
            .ToList();
    }

    [Theory]
    [MemberData(nameof(Apps.Names), MemberType = typeof(Apps))]
    public void BuildsWithTheSdkAndRunsOnTheAspNetRuntimeFromTheRepositoryRoot(string name)
    {
        var app = Apps.Named(name);
        var instructions = Parse(app.Dockerfile);
        var froms = instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();
        Assert.Equal(2, froms.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0 AS build", froms[0]);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", froms[1]);
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", Repo.Read("Directory.Build.props"));

        var copies = instructions.Where(i => i.Keyword == "COPY").Select(i => i.Arguments).ToList();
        Assert.Contains("Directory.Build.props Directory.Packages.props ./", copies);
        foreach (var dir in app.ProjectDirs)
        {
            var csproj = Path.GetFileName(Directory.GetFiles(Repo.PathOf(dir), "*.csproj").Single());
            Assert.True(copies.Contains($"{dir}/{csproj} {dir}/"),
                $"{app.Dockerfile}: restore layer lacks COPY {dir}/{csproj} {dir}/ (a project {app.ProjectName} references)");
            Assert.True(copies.Contains($"{dir}/ {dir}/"),
                $"{app.Dockerfile}: lacks COPY {dir}/ {dir}/ (a project {app.ProjectName} references)");
        }
        // Source files a project compiles from another folder (<Compile Include="../../…" Link=…/>) are copied too.
        foreach (var dir in app.ProjectDirs)
        {
            var project = Directory.GetFiles(Repo.PathOf(dir), "*.csproj").Single();
            foreach (System.Text.RegularExpressions.Match linked in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(project),
                "<Compile Include=\"([^\"]+)\""))
            {
                var file = Path.GetRelativePath(Repo.Root, Path.GetFullPath(Path.Combine(Repo.PathOf(dir), linked.Groups[1].Value)))
                    .Replace('\\', '/');
                if (file.StartsWith(dir + "/", StringComparison.Ordinal)) continue;
                Assert.True(
                    copies.Any(c => c.Split(' ')[..^1].Contains(file)
                        || c.Split(' ')[..^1].Any(source => source.EndsWith('/') && file.StartsWith(source, StringComparison.Ordinal))),
                    $"{app.Dockerfile}: lacks a COPY of {file}, which {Path.GetFileName(project)} compiles");
            }
        }
        var runs = instructions.Where(i => i.Keyword == "RUN").Select(i => i.Arguments).ToList();
        Assert.Contains($"dotnet restore {app.ProjectDir}/{app.ProjectName}.csproj", runs);
        Assert.Contains(runs,
            r => r.StartsWith($"dotnet publish {app.ProjectDir}/{app.ProjectName}.csproj -c Release") && r.Contains("-o /app"));

        var runtime =
            instructions.SkipWhile(i => !(i.Keyword == "FROM" && i.Arguments.StartsWith("mcr.microsoft.com/dotnet/aspnet"))).ToList();
        Assert.All(runtime.Where(i => i.Keyword == "COPY"), c => Assert.StartsWith("--from=build /app", c.Arguments));
    }

    [Theory]
    [MemberData(nameof(Apps.Names), MemberType = typeof(Apps))]
    public void RunsItsDllAsANonRootUserWithItsPortsAndAHealthCheck(string name)
    {
        var app = Apps.Named(name);
        var instructions = Parse(app.Dockerfile);
        var runtime =
            instructions.SkipWhile(i => !(i.Keyword == "FROM" && i.Arguments.StartsWith("mcr.microsoft.com/dotnet/aspnet"))).ToList();

        var user = Assert.Single(runtime, i => i.Keyword == "USER").Arguments;
        Assert.Contains(user, new[] { "$APP_UID", "${APP_UID}", "app", "1654" });
        Assert.Equal($"[\"dotnet\", \"{app.Dll}\"]", Assert.Single(runtime, i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Equal(app.Ports.Order(),
            Assert.Single(runtime, i => i.Keyword == "EXPOSE").Arguments.Split(' ').Select(int.Parse).Order());
        var health = Assert.Single(runtime, i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.EndsWith($"CMD [\"dotnet\", \"{app.Dll}\", \"healthcheck\"]", health);
        Assert.True(File.Exists(Repo.PathOf($"{app.ProjectDir}/{app.ProjectName}.csproj")), "the dll is named after the project");
        Assert.DoesNotContain("<AssemblyName>", Repo.Read($"{app.ProjectDir}/{app.ProjectName}.csproj"));
        Assert.Contains(runtime, i => i.Keyword == "ENV" && i.Arguments.Contains("DOTNET_EnableDiagnostics=0"));
    }

    [Theory]
    [MemberData(nameof(Apps.Names), MemberType = typeof(Apps))]
    public void HoldsNoSecret(string name)
    {
        foreach (var i in Parse(Apps.Named(name).Dockerfile).Where(i => i.Keyword is "ENV" or "ARG" or "LABEL"))
            Assert.DoesNotMatch("(?i)password|secret|connectionstrings|token|RabbitMq__", i.Arguments);
    }

    [Fact]
    public void TheBuildContextLeavesOutBuildOutputLocalDataAndLocalSettings()
    {
        var patterns = Repo.Read(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        foreach (var required in new[] { "**/bin/", "**/obj/", ".git", ".local", ".run", ".env", "**/appsettings.Development.json" })
            Assert.Contains(required, patterns);
        foreach (var needed in new[] { "protos", "services", "gateway", "Directory.Build.props", "Directory.Packages.props" })
            Assert.DoesNotContain(patterns, p => p.TrimEnd('/') == needed || p == "*" || p == "**");
    }
}
