using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Kyodo.Api.Tests;

// An integrator compiles protos/ with their own language's tools and nothing else on the include
// path: every import must be inside the folder.
public sealed class ProtoFolderTests
{
    [Fact]
    public void ProtocCompilesACopyOfTheProtosFolderWithOnlyThatFolderOnItsIncludePath()
    {
        using var copy = ProtoTools.CopyProtos();
        var descriptorSet = Path.Combine(copy.Path, "kyodo.binpb");
        var result = Repo.Run(ProtoTools.Protoc,
            [$"--proto_path={copy.Path}", "--include_imports", $"--descriptor_set_out={descriptorSet}", .. ProtoTools.KyodoProtoFiles()],
            workingDirectory: copy.Path);

        Assert.True(result.ExitCode == 0, $"protoc exited {result.ExitCode}:\n{result.StandardError}");
        var files = FileDescriptorSet.Parser.ParseFrom(File.ReadAllBytes(descriptorSet)).File;
        var compiled = files.SelectMany(f => f.Service.Select(s => (Name: $"{f.Package}.{s.Name}", Methods: s.Method.Select(m => m.Name))))
            .ToDictionary(s => s.Name, s => s.Methods.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(ProtoTools.MethodsByService(ProtoTools.Services), new SortedDictionary<string, string[]>(compiled));
        Assert.Contains(files, f => f.Name == "google/api/annotations.proto");
    }

    [Fact]
    public void GrpcProtoLoaderLoadsEveryProtoWithOnlyTheProtosFolderAsItsIncludeDirectory()
    {
        using var copy = ProtoTools.CopyProtos();
        ProtoTools.NodeTool("buf"); // the same install (scripts/api-tools.sh) brings @grpc/proto-loader
        var result = Repo.Run("node", [Repo.PathOf("tools/api-checks/load-protos.js"), copy.Path]);

        Assert.True(result.ExitCode == 0, $"proto-loader failed:\n{result.StandardError}");
        var loaded = JsonSerializer.Deserialize<Dictionary<string, string[]>>(result.StandardOutput)!;
        Assert.Equal(ProtoTools.MethodsByService(ProtoTools.Services), new SortedDictionary<string, string[]>(loaded));
    }

    [Fact]
    public void ProtoLoaderFailsWhenAnImportedGoogleProtoIsMissingFromTheFolder()
    {
        // The check above can fail: without google/api the same load names the missing import.
        using var copy = ProtoTools.CopyProtos();
        Directory.Delete(Path.Combine(copy.Path, "google", "api"), recursive: true);
        ProtoTools.NodeTool("buf");
        var result = Repo.Run("node", [Repo.PathOf("tools/api-checks/load-protos.js"), copy.Path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("annotations.proto", result.StandardError);
    }

    [Theory]
    [InlineData("google/api/annotations.proto", "Google.Api.CommonProtos", "content/protos")]
    [InlineData("google/api/http.proto", "Google.Api.CommonProtos", "content/protos")]
    [InlineData("google/rpc/status.proto", "Google.Api.CommonProtos", "content/protos")]
    [InlineData("google/rpc/error_details.proto", "Google.Api.CommonProtos", "content/protos")]
    [InlineData("google/rpc/code.proto", "Google.Api.CommonProtos", "content/protos")]
    [InlineData("google/protobuf/any.proto", "Grpc.Tools", "build/native/include")]
    [InlineData("google/protobuf/descriptor.proto", "Grpc.Tools", "build/native/include")]
    [InlineData("google/protobuf/duration.proto", "Grpc.Tools", "build/native/include")]
    [InlineData("google/protobuf/field_mask.proto", "Grpc.Tools", "build/native/include")]
    [InlineData("google/protobuf/timestamp.proto", "Grpc.Tools", "build/native/include")]
    public void GoogleProtoCopiesEqualThoseOfThePinnedPackages(string file, string package, string folder)
    {
        // The C# types of these protos come from the packages: a bumped package with stale copies
        // would describe types the .NET build no longer has.
        var shipped = Path.Combine(ProtoTools.PackageDir(package), folder, file);
        Assert.Equal(File.ReadAllText(shipped), File.ReadAllText(Path.Combine(ProtoTools.ProtosDir, file)));
    }

    [Fact]
    public void EveryImportOfEveryProtoInTheFolderIsInTheFolder()
    {
        var missing = Directory.GetFiles(ProtoTools.ProtosDir, "*.proto", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Where(l => l.StartsWith("import ", StringComparison.Ordinal))
                .Select(l => l.Split('"')[1]))
            .Distinct()
            .Where(import => !File.Exists(Path.Combine(ProtoTools.ProtosDir, import)))
            .ToList();
        Assert.Empty(missing);
    }
}
