namespace Kyodo.Client;

/// <summary>The defaults of <see cref="KyodoClient"/>; each is what the README recommends.</summary>
public sealed class KyodoClientOptions
{
    /// <summary>Deadline of a call that sets none: 30 s, the gateway's own default.</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call, the first included (grpc-dotnet allows at most 5). 1 turns retries off.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First wait after UNAVAILABLE; it doubles up to <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between two attempts after UNAVAILABLE.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The largest message sent or accepted: 4 MiB, the cap on every hop of Kyodo.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;
}
