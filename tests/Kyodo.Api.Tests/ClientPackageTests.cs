using System.IO.Compression;
using System.Xml.Linq;
using Kyodo.Testing;

namespace Kyodo.Api.Tests;

// Kyodo.Client is a real NuGet package a city system can reference: packed
// with its metadata, consumed from a folder feed by a project that knows nothing of this
// repository, and calling a running system.
[Collection(ApiSystemCollection.Name)]
public sealed class ClientPackageTests(ApiSystemFixture system)
{
    [Fact]
    public void TheClientPackageCarriesItsIdVersionDescriptionAndTheGeneratedClients()
    {
        var package = PackedPackages.Client();
        using var zip = ZipFile.OpenRead(package);
        var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string Field(string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("Kyodo.Client", Field("id"));
        Assert.Equal(PackedPackages.Version, Field("version"));
        Assert.Contains("gRPC clients for Kyodo", Field("description"));
        Assert.Equal("README.md", Field("readme"));
        Assert.NotEmpty(Field("authors"));
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
        Assert.Contains("Grpc.Net.Client", dependencies);
        Assert.Contains("Google.Protobuf", dependencies);
        Assert.DoesNotContain("Kyodo.Protos", dependencies);
        var files = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/Kyodo.Client.dll", files);
        Assert.Contains("lib/net10.0/Kyodo.Protos.dll", files);
        Assert.Contains("protos/kyodo/plan/v1/plan_service.proto", files);
        Assert.Contains("protos/google/api/annotations.proto", files);
    }

    [Fact]
    public void AProjectConsumingThePackedPackageFromAFolderFeedCallsTheRunningSystem()
    {
        PackedPackages.Client();
        // Each run packs its own version (PackedPackages.Version), so NuGet's cache cannot hand back
        // a package packed from other code under the same version.
        var result = Repo.Run("dotnet",
            ["test", Repo.PathOf("tests/Kyodo.Client.Tests"), "--nologo", "-v", "quiet", $"-p:KyodoClientVersion={PackedPackages.Version}"],
            environment: new Dictionary<string, string>
            {
                ["KYODO_GATEWAY"] = system.Gateway.GrpcAddress.ToString(),
                ["KYODO_TOKEN"] = TestAuth.SystemToken(),
            },
            timeout: TimeSpan.FromMinutes(8));
        Assert.True(result.ExitCode == 0,
            $"dotnet test tests/Kyodo.Client.Tests exited {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
        Assert.Contains("Passed!", result.StandardOutput);
    }

    [Fact]
    public void TheKyodoToolRunsOnThePlainDotNetRuntime()
    {
        var package = PackedPackages.Tool();
        using var zip = ZipFile.OpenRead(package);
        var config = zip.Entries.Single(e => e.FullName.EndsWith("Kyodo.Cli.runtimeconfig.json", StringComparison.Ordinal));
        using var reader = new StreamReader(config.Open());
        var runtime = System.Text.Json.JsonDocument.Parse(reader.ReadToEnd()).RootElement.GetProperty("runtimeOptions");
        var frameworks = runtime.TryGetProperty("frameworks", out var many)
            ? many.EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList()
            : [runtime.GetProperty("framework").GetProperty("name").GetString()];
        Assert.Equal(["Microsoft.NETCore.App"], frameworks);
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));

        // And it runs there: the host loads only the frameworks the runtimeconfig names, so a piece of
        // ASP.NET Core on the way (the Auth settings, the token minting) would fail to load.
        var tool = Directory.CreateTempSubdirectory("kyodo-tool-").FullName;
        try
        {
            zip.ExtractToDirectory(tool);
            var dll = Directory.GetFiles(tool, "Kyodo.Cli.dll", SearchOption.AllDirectories).Single();
            var minted = Repo.Run("dotnet", [dll, "token", "--municipality", "20208", "--role", "viewer", "--subject", "plain-runtime"],
                environment: new Dictionary<string, string>
                {
                    ["Auth__Issuer"] = TestAuth.Issuer, ["Auth__Audience"] = TestAuth.Audience, ["Auth__SigningKey"] = TestAuth.SigningKey,
                });
            Assert.True(minted.ExitCode == 0, $"kyodo token exited {minted.ExitCode}: {minted.StandardError}");
            Assert.Equal(3, minted.StandardOutput.Trim().Split('.').Length); // a JWT: header.payload.signature
        }
        finally
        {
            Directory.Delete(tool, recursive: true);
        }
    }
}

/// <summary>
/// The packages CI packs into .run/packages (./dev test does before the suite); packed here when
/// missing, so the tests also run on their own.
/// </summary>
public static class PackedPackages
{
    private static readonly Lazy<string> ClientPackage = new(() => Pack("clients/Kyodo.Client", "Kyodo.Client"));
    private static readonly Lazy<string> ToolPackage = new(() => Pack("tools/Kyodo.Cli", "Kyodo.Cli"));

    public static string Folder => Repo.PathOf(".run/packages");

    /// <summary>KYODO_PACKAGE_VERSION (./dev test sets 1.0.0-ci.&lt;time&gt;), else one of this test run's own.</summary>
    public static string Version { get; } = Environment.GetEnvironmentVariable("KYODO_PACKAGE_VERSION") is { Length: > 0 } v
        ? v
        : $"1.0.0-local.{DateTime.UtcNow:yyyyMMddHHmmss}";

    public static string Client() => ClientPackage.Value;
    public static string Tool() => ToolPackage.Value;

    private static string Pack(string project, string id)
    {
        var package = Path.Combine(Folder, $"{id}.{Version}.nupkg");
        if (File.Exists(package)) return package;
        var result = Repo.Run("dotnet",
            ["pack", Repo.PathOf(project), "-c", "Release", "-o", Folder, "--nologo", "-v", "quiet", $"-p:Version={Version}"],
            timeout: TimeSpan.FromMinutes(8));
        Assert.True(result.ExitCode == 0,
            $"dotnet pack {project} exited {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
        Assert.True(File.Exists(package), $"{package} was not packed");
        return package;
    }
}
