using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kyodo.ServiceDefaults;

/// <summary>
/// Failpoints (section "Failpoints"), for crash tests: the named steps of a multi-service write
/// (subsidy.award.reserved, outbox.publish …) at which the process stops and waits to be killed.
/// <see cref="File"/> names a file that a test writes the armed failpoints into (comma-separated)
/// while the process runs, so a test arms one right before its call, without a restart of its
/// own. Unset, the default, nothing is read and no failpoint can be armed.
/// </summary>
public sealed class FailpointOptions
{
    public string File { get; set; } = "";
}

/// <summary>Where a write can be stopped by a crash test (see <see cref="FailpointOptions"/>).</summary>
public sealed class Failpoints(IOptions<FailpointOptions> options, ILogger<Failpoints> logger)
{
    /// <summary>What a paused process prints on stdout, followed by the failpoint's name.</summary>
    public const string PausedLine = "KYODO-FAILPOINT-PAUSED ";

    private readonly string _file = options.Value.File;

    /// <summary>Returns at once unless <paramref name="name"/> is armed; then never returns (the test kills the process).</summary>
    public Task ReachedAsync(string name)
    {
        if (_file.Length == 0 || !IsArmed(name)) return Task.CompletedTask;
        logger.LogWarning("Failpoint {Failpoint} reached: pausing until the process is killed", name);
        Console.Out.WriteLine(PausedLine + name);
        Console.Out.Flush();
        return Task.Delay(Timeout.Infinite);
    }

    private bool IsArmed(string name)
    {
        try
        {
            return System.IO.File.ReadAllText(_file).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Contains(name);
        }
        catch (IOException)
        {
            return false; // no file: none armed
        }
    }
}
