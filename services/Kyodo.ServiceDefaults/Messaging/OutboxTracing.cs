using System.Diagnostics;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Carries a request's trace across the outbox: the write stores the current span's W3C
/// traceparent with the event, and the relay publishes inside a span that continues it, so
/// MassTransit's send span and the headers the consumer resumes from belong to the request's trace.
/// </summary>
public static class OutboxTracing
{
    /// <summary>The ActivitySource of the relay's spans (AddKyodoTelemetry listens to it).</summary>
    public const string SourceName = "Kyodo.Outbox";

    /// <summary>"00-" + 32 hex trace id + "-" + 16 hex span id + "-" + 2 hex flags.</summary>
    public const int TraceParentLength = 55;

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The traceparent of the current span, or null when there is none (or it is not W3C).</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id.Length: TraceParentLength } current ? current.Id : null;

    /// <summary>
    /// A span for publishing <paramref name="row"/>, a child of the span that wrote it (a new trace
    /// when the row carries none or an unreadable one); null when no listener wants it.
    /// </summary>
    public static Activity? StartPublish(OutboxMessage row)
    {
        ActivityContext.TryParse(row.TraceParent, null, isRemote: true, out var writer);
        var span = Source.StartActivity("outbox publish", ActivityKind.Internal, writer);
        span?.SetTag("messaging.message.id", row.MessageId.ToString());
        span?.SetTag("kyodo.outbox.sequence", row.Sequence);
        span?.SetTag("kyodo.event.type", row.MessageType);
        return span;
    }
}
