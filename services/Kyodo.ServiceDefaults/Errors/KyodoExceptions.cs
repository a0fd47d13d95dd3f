using Kyodo.Security;
namespace Kyodo.ServiceDefaults.Errors;

// The exceptions services throw; ErrorInterceptor turns each into one gRPC status.
// They are plain types so domain code can throw them without knowing about gRPC. Each takes its
// message as a Text (Japanese and English) or, not yet translated, as an English string.

/// <summary>One bad field of a request and what is wrong with it. <see cref="Field"/> is the proto's field path in any language.</summary>
public sealed record FieldViolation(string Field, string Description)
{
    public FieldViolation(string field, Text description) : this(field, description.English) => Text = description;

    public Text Text { get; init; } = Text.Untranslated(Description);
}

/// <summary>The request is malformed: becomes INVALID_ARGUMENT with every violation listed.</summary>
public sealed class RequestValidationException(IReadOnlyList<FieldViolation> violations)
    : Exception(SharedMessages.InvalidRequest(violations).English), ITranslatedError
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
    public Text Text { get; } = SharedMessages.InvalidRequest(violations);
}

/// <summary>The addressed record does not exist (or the caller may not know it does): NOT_FOUND.</summary>
public sealed class NotFoundException(string resource, string id)
    : Exception(SharedMessages.NotFound(resource, id).English), ITranslatedError
{
    public string Resource { get; } = resource;
    public string Id { get; } = id;
    public Text Text { get; } = SharedMessages.NotFound(resource, id);
}

/// <summary>A record with the same natural key exists: ALREADY_EXISTS.</summary>
public sealed class AlreadyExistsException(Text text) : Exception(text.English), ITranslatedError
{
    public AlreadyExistsException(string message) : this(Text.Untranslated(message)) { }
    public Text Text { get; } = text;
}

/// <summary>
/// A rule of the domain forbids the change (cap exceeded, budget exhausted, wrong state):
/// FAILED_PRECONDITION with a google.rpc.ErrorInfo whose reason is <see cref="Reason"/>.
/// </summary>
public sealed class DomainRuleException(string reason, Text text, IReadOnlyDictionary<string, string>? metadata = null)
    : Exception(text.English), ITranslatedError
{
    public DomainRuleException(string reason, string message, IReadOnlyDictionary<string, string>? metadata = null)
        : this(reason, Text.Untranslated(message), metadata) { }

    /// <summary>UPPER_SNAKE_CASE, stable: callers branch on it.</summary>
    public string Reason { get; } = reason;
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata ?? new Dictionary<string, string>();
    public Text Text { get; } = text;
}

/// <summary>The caller held a stale version of the record: ABORTED, re-read and retry.</summary>
public sealed class ConcurrencyConflictException(Text text) : Exception(text.English), ITranslatedError
{
    public ConcurrencyConflictException(string message) : this(Text.Untranslated(message)) { }
    public Text Text { get; } = text;
}

/// <summary>The caller is known but may not do this: PERMISSION_DENIED.</summary>
public sealed class PermissionDeniedException(Text text) : Exception(text.English), ITranslatedError
{
    public PermissionDeniedException(string message) : this(Text.Untranslated(message)) { }
    public Text Text { get; } = text;
}

/// <summary>No token, or one that does not verify: UNAUTHENTICATED.</summary>
public sealed class UnauthenticatedException(Text text) : Exception(text.English), ITranslatedError
{
    public Text Text { get; } = text;
}

/// <summary>A request this service understands but cannot answer yet (a new case of a oneof): UNIMPLEMENTED.</summary>
public sealed class NotImplementedYetException(Text text) : Exception(text.English), ITranslatedError
{
    public Text Text { get; } = text;
}

/// <summary>Something this service depends on (database, another service) is away: UNAVAILABLE.</summary>
public sealed class DependencyUnavailableException(Text text, Exception? inner = null) : Exception(text.English, inner), ITranslatedError
{
    public DependencyUnavailableException(string message, Exception? inner = null) : this(Text.Untranslated(message), inner) { }
    public Text Text { get; } = text;
}
