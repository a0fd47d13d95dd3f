namespace Kyodo.Security;

/// <summary>
/// The gRPC <c>grpc-timeout</c> header: up to 8 digits and a unit (H, M, S, m, u, n), e.g. <c>2S</c>
/// or <c>500m</c>. gRPC callers send it on every call with a deadline; REST callers may send it
/// too, and the gateway gives REST calls the same header, so a REST call's deadline reaches the
/// service (whose JSON transcoding does not read it) and the services it calls. Here because the
/// gateway and the services must read it alike.
/// </summary>
public static class GrpcTimeout
{
    public const string Header = "grpc-timeout";

    /// <summary>How to write one, for messages that tell a caller the format.</summary>
    public const string Format = "up to 8 digits and a unit: H (hours), M (minutes), S (seconds), m (milliseconds), u (microseconds) or n "
        + "(nanoseconds), e.g. 2S or 500m";

    /// <summary>In milliseconds, rounded up, so a deadline is never cut short by the rounding.</summary>
    public static string Write(TimeSpan timeout) => $"{(long)Math.Ceiling(Math.Max(0, timeout.TotalMilliseconds))}m";

    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is not { Length: >= 2 and <= 9 } || !value.AsSpan(0, value.Length - 1).ContainsOnlyDigits()) return false;
        var amount = long.Parse(value.AsSpan(0, value.Length - 1));
        double? ticks = value[^1] switch
        {
            'H' => amount * (double)TimeSpan.TicksPerHour,
            'M' => amount * (double)TimeSpan.TicksPerMinute,
            'S' => amount * (double)TimeSpan.TicksPerSecond,
            'm' => amount * (double)TimeSpan.TicksPerMillisecond,
            'u' => amount * 10.0,
            'n' => amount / 100.0,
            _ => null,
        };
        if (ticks is null) return false;
        timeout = TimeSpan.FromTicks((long)Math.Min(ticks.Value, TimeSpan.MaxValue.Ticks / 2));
        return true;
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> text)
    {
        foreach (var c in text) if (c is < '0' or > '9') return false;
        return true;
    }
}
