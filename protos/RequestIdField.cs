using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Kyodo.Common.V1;

/// <summary>
/// The optional <c>request_id</c> (AIP-155) that creates and lifecycle steps take: a UUID naming one
/// user action, so a repeat of the call (its answer was lost) answers the first answer and changes
/// nothing more. Read by the services, set by the clients (the package, the CLI, the web app).
/// </summary>
public static class RequestIdField
{
    public const string Name = "request_id";

    /// <summary>Whether <paramref name="message"/> has a request_id field.</summary>
    public static bool IsIn(MessageDescriptor message) => Of(message) is not null;

    /// <summary>The request_id <paramref name="request"/> carries; empty when it carries none or has no such field.</summary>
    public static string Read(IMessage request) => Of(request.Descriptor)?.Accessor.GetValue(request) as string ?? "";

    /// <summary>
    /// <paramref name="request"/> when it has no request_id field or carries one already; otherwise a copy
    /// with a new one (the caller's object is left as it was, so sending it again is a new request).
    /// </summary>
    public static TRequest WithOne<TRequest>(TRequest request)
    {
        if (request is not IMessage message || Of(message.Descriptor) is not { } field || Read(message).Length > 0
            || request is not IDeepCloneable<TRequest> cloneable)
            return request;
        var copy = cloneable.Clone();
        field.Accessor.SetValue((IMessage)copy!, Guid.NewGuid().ToString());
        return copy;
    }

    private static FieldDescriptor? Of(MessageDescriptor message) =>
        message.FindFieldByName(Name) is { FieldType: FieldType.String, IsRepeated: false } field ? field : null;
}
