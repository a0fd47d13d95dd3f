using System.ComponentModel;
using System.Diagnostics;

namespace Kyodo.Deployment.Tests.Support;

/// <summary>The repository the tests run in, and the command-line tools they render with.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kyodo.sln"))) return dir.FullName;
        throw new InvalidOperationException("Kyodo.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Runs a tool from the repository root (or <paramref name="workingDirectory"/>) and returns its standard output; throws with its
    /// standard error when it exits non-zero. Environment variables named in
    /// <paramref name="unset"/> are removed so the machine's own settings cannot leak in.
    /// </summary>
    public static ToolResult Run(string tool, IEnumerable<string> arguments, IEnumerable<string>? unset = null,
        IDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory ?? Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in unset ?? []) start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{tool}' cannot be run ({e.Message}). Install the deployment tools: scripts/deploy-tools.sh (./dev test does).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var limit = timeout ?? TimeSpan.FromMinutes(2);
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in {limit.TotalMinutes} minutes");
            }
            return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }

    public static string RunOrThrow(string tool, params string[] arguments) =>
        RunOrThrow(tool, arguments, null);

    public static string RunOrThrow(string tool, IEnumerable<string> arguments, IEnumerable<string>? unset)
    {
        var result = Run(tool, arguments, unset);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.StandardError}");
        return result.StandardOutput;
    }
}

public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);
