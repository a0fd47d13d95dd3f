using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kyodo.ServiceDefaults;

/// <summary>
/// Failpoints (section "Failpoints"): <see cref="Pause"/> lists, comma-separated, the named steps of
/// a multi-service write (award.reserved, outbox.publish …) at which the process stops and waits
/// to be killed. Crash tests run a service with one armed, wait for its line on stdout and SIGKILL
/// it there. Empty, the default, arms none; nothing else reads it.
/// </summary>
public sealed class FailpointOptions
{
    public string Pause { get; set; } = "";
}

/// <summary>Where a write can be stopped by a crash test (see <see cref="FailpointOptions"/>).</summary>
public sealed class Failpoints
{
    /// <summary>What a paused process prints on stdout, followed by the failpoint's name.</summary>
    public const string PausedLine = "KYODO-FAILPOINT-PAUSED ";

    private readonly HashSet<string> _armed;
    private readonly ILogger<Failpoints> _logger;

    public Failpoints(IOptions<FailpointOptions> options, ILogger<Failpoints> logger)
    {
        _armed = options.Value.Pause.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        _logger = logger;
        if (_armed.Count > 0) logger.LogWarning("Failpoints armed (a test run): {Failpoints}", string.Join(", ", _armed));
    }

    /// <summary>Returns at once unless <paramref name="name"/> is armed; then never returns (the test kills the process).</summary>
    public Task ReachedAsync(string name)
    {
        if (!_armed.Contains(name)) return Task.CompletedTask;
        _logger.LogWarning("Failpoint {Failpoint} reached: pausing until the process is killed", name);
        Console.Out.WriteLine(PausedLine + name);
        Console.Out.Flush();
        return Task.Delay(Timeout.Infinite);
    }
}
