namespace Kyodo.Cli.Tests;

/// <summary>
/// A folder of its own under the system's temporary folder for the files one test writes (seed
/// copies, exports, saved reports), deleted with everything in it when disposed.
/// </summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kyodo-test-").FullName;

    /// <summary>A file of this folder (not created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Gone already: nothing left to clean up.
        }
    }
}
