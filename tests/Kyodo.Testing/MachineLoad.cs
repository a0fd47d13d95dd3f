namespace Kyodo.Testing;

/// <summary>
/// The machine's 1-, 5- and 15-minute load averages, printed beside what a long test observed: on a
/// shared machine a slow run is read against the load it ran under, never asserted.
/// </summary>
public static class MachineLoad
{
    public static string Now() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
