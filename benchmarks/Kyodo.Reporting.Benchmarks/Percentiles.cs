namespace Kyodo.Reporting.Benchmarks;

/// <summary>Nearest-rank percentiles of a set of milliseconds.</summary>
public static class Percentiles
{
    public static (double P50, double P99, double Max) Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return (At(sorted, 0.50), At(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    private static double At(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
