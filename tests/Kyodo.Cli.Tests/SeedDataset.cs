namespace Kyodo.Cli.Tests;

/// <summary>The repository's seed dataset (data/seed), found from the test's output folder upwards.</summary>
public static class SeedDataset
{
    public static string Folder { get; } = Find();

    public static IReadOnlyList<string> Files =>
        Directory.EnumerateFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).ToList();

    public static string File(string prefix) => Files.Single(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "seed");
            if (Directory.Exists(candidate) && System.IO.File.Exists(Path.Combine(dir.FullName, "Kyodo.sln"))) return candidate;
        }
        throw new InvalidOperationException("data/seed not found above " + AppContext.BaseDirectory);
    }
}
