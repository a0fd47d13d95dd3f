namespace Kyodo.Deployment.Tests;

/// <summary>
/// The README stays a front door a newcomer reads to the end, and every link of the repository's
/// documentation can be followed in a clone: to a file that exists inside it, never outside.
/// </summary>
public class DocumentationTests
{
    private const int ReadmeLineLimit = 200;

    [Fact]
    public void TheReadmeIsAtMost200Lines()
    {
        var lines = File.ReadAllLines(Repo.PathOf("README.md")).Length;
        Assert.True(lines <= ReadmeLineLimit,
            $"README.md has {lines} lines; keep it at {ReadmeLineLimit} or fewer and move the rest into docs/ (README's 'Read more' "
            + $"lists the pages)");
    }

    [Fact]
    public void TheReadmeKeepsTheTwoSetUpCommands()
    {
        var readme = Repo.Read("README.md");
        Assert.Contains("```sh\n./dev up\n```", readme);
        Assert.Contains("```sh\n./dev test\n```", readme);
    }

    [Fact]
    public void EveryMarkdownLinkPointsToAFileInsideTheRepository()
    {
        var files = MarkdownLinks.FilesUnder(Repo.Root).ToList();
        Assert.Contains(files, f => Path.GetRelativePath(Repo.Root, f) == "README.md");
        Assert.Contains(files, f => Path.GetRelativePath(Repo.Root, f).Replace('\\', '/') == "docs/architecture.md");
        var problems = files.SelectMany(f => MarkdownLinks.Problems(Repo.Root, f)).ToList();
        Assert.True(problems.Count == 0, "links a clone cannot follow:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void ALinkOutsideTheRepositoryToAMissingFileOrToAMissingHeadingIsReported()
    {
        var root = Directory.CreateTempSubdirectory("kyodo-links-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.WriteAllText(Path.Combine(root, "docs", "guide.md"), "# Guide\n\n## Tokens and roles (役割)\n");
            File.WriteAllText(Path.Combine(root, "README.md"), string.Join("\n",
                "[fine](docs/guide.md) [fine too](docs/guide.md#tokens-and-roles-役割) [folder](docs/) [here](#readme)",
                "[web](https://example.com/) [mail](mailto:someone@example.com) [beside the clone](../shared/DOMAIN.md)",
                "[absolute](/etc/passwd) [missing](docs/gone.md) ![picture](docs/picture.svg) [no heading](docs/guide.md#nothing)",
                "`[in code](nowhere.md)`",
                "```", "[in a block](nowhere.md)", "```",
                "[ref]: docs/also-gone.md",
                "# Readme"));

            var problems = MarkdownLinks.Problems(root, Path.Combine(root, "README.md")).ToList();

            Assert.Equal(
            [
                "README.md:2: (https://example.com/) points outside the repository",
                "README.md:2: (mailto:someone@example.com) points outside the repository",
                "README.md:2: (../shared/DOMAIN.md) points outside the repository",
                "README.md:3: (/etc/passwd) is an absolute path, outside the repository",
                "README.md:3: (docs/gone.md) names a file that does not exist",
                "README.md:3: (docs/picture.svg) names a file that does not exist",
                "README.md:3: (docs/guide.md#nothing) names a heading #nothing that guide.md does not have",
                "README.md:8: (docs/also-gone.md) names a file that does not exist",
            ], problems);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
