namespace Kyodo.Gateway;

/// <summary>
/// The gateway's limits, section <c>Gateway</c> (environment <c>Gateway__DefaultDeadline</c> …).
/// Every value has a default, so an empty section runs with the limits below.
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The largest gRPC request message the gateway forwards (the services' own limit, 4 MiB).</summary>
    public int MaxGrpcMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest REST (JSON) request body the gateway forwards.</summary>
    public long MaxRestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The deadline given to a gRPC call that names none (sent on as <c>grpc-timeout</c>, which the
    /// services pass on to the services they call), and the time a REST call may take.
    /// </summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    public RateLimitOptions RateLimit { get; set; } = new();

    public static GatewayOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var wrong = new List<string>();
        if (options.MaxGrpcMessageBytes < 1024) wrong.Add("Gateway:MaxGrpcMessageBytes (at least 1024)");
        if (options.MaxRestBodyBytes < 1024) wrong.Add("Gateway:MaxRestBodyBytes (at least 1024)");
        if (options.DefaultDeadline <= TimeSpan.Zero) wrong.Add("Gateway:DefaultDeadline (a positive time span, e.g. 00:00:30)");
        if (options.RateLimit.RequestsPerSecond < 1) wrong.Add("Gateway:RateLimit:RequestsPerSecond (at least 1)");
        if (options.RateLimit.Burst < 1) wrong.Add("Gateway:RateLimit:Burst (at least 1)");
        if (wrong.Count > 0) throw new InvalidOperationException("Gateway limits are not valid: " + string.Join(", ", wrong));
        return options;
    }
}

/// <summary>
/// Per caller (token subject, else remote address): a token bucket of <see cref="Burst"/>
/// requests, refilled with <see cref="RequestsPerSecond"/> every second.
/// </summary>
public sealed class RateLimitOptions
{
    public int RequestsPerSecond { get; set; } = 100;
    public int Burst { get; set; } = 200;
}
