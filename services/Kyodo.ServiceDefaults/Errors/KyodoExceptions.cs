using Kyodo.Security;

namespace Kyodo.ServiceDefaults.Errors;

// The exceptions services throw; ErrorInterceptor turns each into one gRPC status.
// They are plain types so domain code can throw them without knowing about gRPC.

/// <summary>One bad field of a request and what is wrong with it.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>The request is malformed: becomes INVALID_ARGUMENT with every violation listed.</summary>
public sealed class RequestValidationException(IReadOnlyList<FieldViolation> violations)
    : Exception("The request is invalid: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}

/// <summary>The addressed record does not exist (or the caller may not know it does): NOT_FOUND. The id is echoed bounded (<see cref="Echo"/>).</summary>
public sealed class NotFoundException(string resource, string id)
    : Exception($"{resource} {Echo.Of(id)} was not found.")
{
    public string Resource { get; } = resource;
    public string Id { get; } = id;
}

/// <summary>A record with the same natural key exists: ALREADY_EXISTS.</summary>
public sealed class AlreadyExistsException(string message) : Exception(message);

/// <summary>
/// A rule of the domain forbids the change (cap exceeded, budget exhausted, wrong state):
/// FAILED_PRECONDITION with a google.rpc.ErrorInfo whose reason is <see cref="Reason"/>.
/// </summary>
public sealed class DomainRuleException(string reason, string message, IReadOnlyDictionary<string, string>? metadata = null)
    : Exception(message)
{
    /// <summary>UPPER_SNAKE_CASE, stable: callers branch on it.</summary>
    public string Reason { get; } = reason;
    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata ?? new Dictionary<string, string>();
}

/// <summary>The caller held a stale version of the record: ABORTED, re-read and retry.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);

/// <summary>The caller is known but may not do this: PERMISSION_DENIED.</summary>
public sealed class PermissionDeniedException(string message) : Exception(message);

/// <summary>Something this service depends on (database, another service) is away: UNAVAILABLE.</summary>
public sealed class DependencyUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
