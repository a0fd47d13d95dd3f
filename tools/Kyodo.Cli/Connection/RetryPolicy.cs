using System.Globalization;
using Grpc.Core;

namespace Kyodo.Cli.Connection;

/// <summary>
/// When a failed call is tried again. Per call: at most <see cref="MaxAttempts"/> attempts and
/// <see cref="MaxWait"/> spent waiting between them (<c>--max-attempts</c> / <c>KYODO_MAX_ATTEMPTS</c>,
/// <c>--max-wait SECONDS</c> / <c>KYODO_MAX_WAIT</c>; <c>--max-attempts 1</c> turns retries off).
/// The bounds are per call, not per command, so a long import that is throttled all the way
/// through still finishes; what they stop is one call waiting without end.
/// </summary>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan MaxWait, bool RetryUnavailable = true)
{
    public const int DefaultMaxAttempts = 10;
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(120);

    /// <summary>The first wait after UNAVAILABLE; it doubles each time up to <see cref="BackoffCap"/>.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan BackoffCap = TimeSpan.FromSeconds(4);

    /// <summary>The options every command that calls Kyodo takes besides its own.</summary>
    public static readonly string[] OptionNames = ["max-attempts", "max-wait"];

    public static RetryPolicy Read(CommandLine line, CliConsole console)
    {
        var attemptsText = line.Option("max-attempts") ?? console.Environment("KYODO_MAX_ATTEMPTS");
        var waitText = line.Option("max-wait") ?? console.Environment("KYODO_MAX_WAIT");
        var attempts = DefaultMaxAttempts;
        if (attemptsText is not null
            && (!int.TryParse(attemptsText, NumberStyles.None, CultureInfo.InvariantCulture, out attempts) || attempts < 1))
            throw new UsageException($"--max-attempts (KYODO_MAX_ATTEMPTS) must be a whole number of at least 1, not '{attemptsText}'");
        var wait = DefaultMaxWait;
        if (waitText is not null)
        {
            if (!double.TryParse(waitText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                || seconds > 86_400)
                throw new UsageException($"--max-wait (KYODO_MAX_WAIT) must be a number of seconds from 0 to 86400, not '{waitText}'");
            wait = TimeSpan.FromSeconds(seconds);
        }
        return new RetryPolicy(attempts, wait);
    }

    /// <summary>
    /// RPCs that may be sent again when it is unknown whether the first one arrived (UNAVAILABLE can
    /// come after the service received the call): every read, and the two batch writes whose
    /// repetition changes nothing. UpsertItemSheet leaves years that already say what the sheet says
    /// alone and ImportProgram leaves a program that is already as imported alone (their protos say
    /// so, and SampleImportTests.ASecondImportChangesNothingStored checks it: a second import sends
    /// both again and nothing stored changes). Not ImportPlan: plan names are unique in a
    /// municipality, so a repeat of one that had arrived answers ALREADY_EXISTS. Not the other
    /// writes: creations make a second record, ReviseTarget and RecordActual add history, and
    /// updates and deletions carry a version that a first success has already moved on. (Creates and
    /// lifecycle steps, ImportPlan among them, are repeated all the same when they carry a request_id:
    /// <see cref="RetryingInterceptor"/> gives them one, and the service answers its repeat with the first answer.)
    /// </summary>
    public static bool IsIdempotent(string serviceName, string methodName) =>
        methodName.StartsWith("Get", StringComparison.Ordinal)
        || methodName.StartsWith("List", StringComparison.Ordinal)
        || methodName is "UpsertItemSheet" or "ImportProgram"
        || (serviceName == "kyodo.reporting.v1.ReportingService" && methodName == "ExportReport");

    /// <summary>
    /// The wait the gateway's rate limiter asks for, or null when <paramref name="e"/> is not its
    /// refusal. Only the limiter sends RESOURCE_EXHAUSTED with <c>grpc-retry-pushback-ms</c> or
    /// <c>retry-after</c>, and it refuses before forwarding anything, so any call may be repeated.
    /// (An oversized request is RESOURCE_EXHAUSTED too, without either: repeating it cannot help.)
    /// </summary>
    public static TimeSpan? Pushback(RpcException e)
    {
        if (e.StatusCode != StatusCode.ResourceExhausted) return null;
        if (e.Trailers.GetValue("grpc-retry-pushback-ms") is { } ms
            && long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            return TimeSpan.FromMilliseconds(milliseconds);
        if (e.Trailers.GetValue("retry-after") is { } after
            && long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        return null;
    }

    /// <summary>Whether <paramref name="e"/> is the gateway's rate limiter refusing (the throttled case of exit 69).</summary>
    public static bool IsThrottled(RpcException e) => Pushback(e) is not null;

    /// <summary>
    /// The wait <paramref name="e"/> asks for before attempt <paramref name="nextAttempt"/> (2, 3, …)
    /// and why, or null when it is not an answer worth trying again. The bounds are checked apart
    /// (<see cref="Allows"/>), so the caller can say it gave up.
    /// </summary>
    public TimeSpan? WaitFor(RpcException e, bool idempotent, int nextAttempt, out string reason)
    {
        if (Pushback(e) is { } pushback)
        {
            reason = $"throttled by the gateway: {e.Status.Detail}";
            return pushback;
        }
        if (e.StatusCode == StatusCode.Unavailable && idempotent && RetryUnavailable)
        {
            var doubled = FirstBackoff * Math.Pow(2, nextAttempt - 2);
            var wait = doubled < BackoffCap ? doubled : BackoffCap;
            // Up to a fifth more, so clients that lost the same service do not come back in step.
            reason = $"unavailable: {e.Status.Detail}";
            return wait + wait * (Random.Shared.NextDouble() * 0.2);
        }
        reason = "";
        return null;
    }

    /// <summary>Whether attempt <paramref name="nextAttempt"/> after a further <paramref name="wait"/> stays within the bounds.</summary>
    public bool Allows(int nextAttempt, TimeSpan waitedSoFar, TimeSpan wait) => nextAttempt <= MaxAttempts && waitedSoFar + wait <= MaxWait;
}
