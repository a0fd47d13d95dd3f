using Kyodo.Security;
namespace Kyodo.ServiceDefaults.Errors;

/// <summary>
/// Collects every bad field of a request, then throws once, so the caller learns of all
/// of them in one answer rather than one per attempt.
/// </summary>
public sealed class RequestValidation
{
    private readonly List<FieldViolation> _violations = [];

    public bool IsValid => _violations.Count == 0;

    /// <summary>Records a violation of <paramref name="field"/> unless <paramref name="condition"/> holds.</summary>
    public RequestValidation Check(bool condition, string field, string description)
    {
        if (!condition) _violations.Add(new FieldViolation(field, description));
        return this;
    }

    /// <summary>As <see cref="Check(bool, string, string)"/>, with the description in Japanese and English.</summary>
    public RequestValidation Check(bool condition, string field, Text description)
    {
        if (!condition) _violations.Add(new FieldViolation(field, description));
        return this;
    }

    public RequestValidation Required(string? value, string field) =>
        Check(!string.IsNullOrWhiteSpace(value), field, SharedMessages.Required);

    /// <summary>At most <paramref name="max"/> characters, and no NUL character (PostgreSQL text cannot hold one).</summary>
    public RequestValidation MaxLength(string? value, int max, string field) =>
        Check(value is null || value.Length <= max, field, SharedMessages.MaxLength(max))
            .Check(value is null || !value.Contains('\0'), field, SharedMessages.NoNulCharacter);

    /// <summary>Parses a UUID field, recording a violation when it is missing or malformed.</summary>
    public Guid Id(string? value, string field)
    {
        if (Guid.TryParse(value, out var id) && id != Guid.Empty) return id;
        _violations.Add(new FieldViolation(field, string.IsNullOrWhiteSpace(value) ? SharedMessages.Required : SharedMessages.NotAUuid));
        return Guid.Empty;
    }

    /// <summary>A request whose only field to check is one UUID: reads it or throws INVALID_ARGUMENT.</summary>
    public static Guid RequireId(string? value, string field)
    {
        var validation = new RequestValidation();
        var id = validation.Id(value, field);
        validation.ThrowIfInvalid();
        return id;
    }

    /// <summary>Takes in the violations a separate validation of one part found.</summary>
    public RequestValidation Merge(RequestValidation part)
    {
        _violations.AddRange(part._violations);
        return this;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new RequestValidationException(_violations.ToArray());
    }
}
