using System.Globalization;
using System.Runtime.InteropServices;

namespace Kyodo.Testing;

/// <summary>
/// What the machine was doing: the 1/5/15-minute load averages (printed beside every figure, since
/// a benchmark or a long test shares two cores with whoever else is building) and a header naming the machine.
/// Printed beside what was observed, never asserted.
/// </summary>
public static class MachineLoad
{
    /// <summary>"1.23 0.98 0.51", or "n/a" where /proc/loadavg does not exist.</summary>
    public static string Now()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]); }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }

    /// <summary>The one-minute load average, NaN where it cannot be read.</summary>
    public static double OneMinute() =>
        double.TryParse(Now().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : double.NaN;

    public static void PrintHeader(string title)
    {
        Console.WriteLine($"{title}, {DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"machine:  {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription.Trim()}, "
            + $"{RuntimeInformation.ProcessArchitecture}; load average {Now()}");
        Console.WriteLine(
            $"runtime:  {RuntimeInformation.FrameworkDescription}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
    }
}
