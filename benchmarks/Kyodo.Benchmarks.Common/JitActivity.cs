using System.Runtime;

namespace Kyodo.Benchmarks.Common;

/// <summary>
/// How much the runtime's JIT has compiled in this process: a mark now, and the difference since an
/// earlier one. A process compiles each method it runs twice in its first seconds of a new kind of
/// work (quickly, then optimised once the method is hot: tiered compilation). On this 2-core machine
/// that took 0.6–1.6 cores for the first 10–15 s of a calls run (dotnet-counters, 2026-12-07), so a
/// run that starts before the JIT goes quiet measures the compiler as much as the calls.
/// </summary>
public readonly record struct JitMark(long Methods, TimeSpan Time)
{
    public static JitMark Now() => new(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    public JitMark Since(JitMark earlier) => new(Methods - earlier.Methods, Time - earlier.Time);

    /// <summary>The JIT's share of one core over <paramref name="elapsed"/>.</summary>
    public double ShareOfACore(TimeSpan elapsed) => elapsed > TimeSpan.Zero ? Time / elapsed : 0;
}
