using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;

namespace Kyodo.Api.Tests;

/// <summary>
/// Where the tools that read protos/ are: protoc from the restored Grpc.Tools package of the
/// pinned version, and buf and the proto-loader script from tools/api-checks (scripts/api-tools.sh).
/// </summary>
public static class ProtoTools
{
    public static string ProtosDir => Repo.PathOf("protos");

    /// <summary>Every Kyodo service as the .NET build compiled it: full name → its methods.</summary>
    public static readonly IReadOnlyList<ServiceDescriptor> Services =
    [
        Kyodo.Plan.V1.PlanService.Descriptor,
        Kyodo.Budget.V1.BudgetService.Descriptor,
        Kyodo.Subsidy.V1.SubsidyService.Descriptor,
        Kyodo.Reporting.V1.ReportingService.Descriptor,
    ];

    public static SortedDictionary<string, string[]> MethodsByService(IEnumerable<ServiceDescriptor> services) =>
        new(services.ToDictionary(s => s.FullName, s => s.Methods.Select(m => m.Name).Order(StringComparer.Ordinal).ToArray()));

    /// <summary>The version Directory.Packages.props pins for <paramref name="package"/>.</summary>
    public static string PinnedVersion(string package)
    {
        var props = Repo.Read("Directory.Packages.props");
        var match = Regex.Match(props, $"<PackageVersion Include=\"{Regex.Escape(package)}\" Version=\"([^\"]+)\"");
        Assert.True(match.Success, $"{package} is not pinned in Directory.Packages.props");
        return match.Groups[1].Value;
    }

    /// <summary>A restored package's folder (NUGET_PACKAGES, else ~/.nuget/packages).</summary>
    public static string PackageDir(string package)
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var dir = Path.Combine(root, package.ToLowerInvariant(), PinnedVersion(package));
        Assert.True(Directory.Exists(dir), $"{package} {PinnedVersion(package)} is not restored at {dir} (dotnet restore first)");
        return dir;
    }

    public static string Protoc
    {
        get
        {
            var platform = OperatingSystem.IsWindows() ? "windows_x64" : OperatingSystem.IsMacOS() ? "macosx_x64" : "linux_x64";
            return Path.Combine(PackageDir("Grpc.Tools"), "tools", platform, OperatingSystem.IsWindows() ? "protoc.exe" : "protoc");
        }
    }

    public static string NodeTool(string name)
    {
        var path = Repo.PathOf($"tools/api-checks/node_modules/.bin/{name}");
        Assert.True(File.Exists(path), $"{path} is missing: run scripts/api-tools.sh (./dev test does)");
        return path;
    }

    /// <summary>The Kyodo .proto files, relative to protos/ with forward slashes.</summary>
    public static string[] KyodoProtoFiles() =>
        Directory.GetFiles(Path.Combine(ProtosDir, "kyodo"), "*.proto", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ProtosDir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>A copy of protos/ in a fresh temporary folder (deleted with the returned handle).</summary>
    public static TempProtos CopyProtos()
    {
        var copy = new TempProtos();
        foreach (var file in Directory.GetFiles(ProtosDir, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(ProtosDir, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)) continue;
            var target = Path.Combine(copy.Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }
}

public sealed class TempProtos : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kyodo-protos-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
