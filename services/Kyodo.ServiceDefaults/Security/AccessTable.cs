using Google.Protobuf;

namespace Kyodo.ServiceDefaults.Security;

/// <summary>What a method needs from its caller, before any record is looked at.</summary>
public enum AccessLevel
{
    /// <summary>Reads its municipality: viewer, editor, admin; a system caller with kyodo.read.</summary>
    Read,

    /// <summary>
    /// Writes department-owned records (items, budget lines, subsidy programs and what hangs off
    /// them): editor — the handler then checks the record is of one of its departments — admin;
    /// a system caller with kyodo.write.
    /// </summary>
    Write,

    /// <summary>Administers its municipality (plans, nodes, departments, priority goals): admin; a system caller with
    /// kyodo.admin.</summary>
    Admin,
}

/// <summary>
/// One method's rule: the level it needs and, for requests that name a municipality by code,
/// how to read that code (a caller of another municipality is refused before the handler runs).
/// Requests that name records by id are checked by the handler on the record it loads.
/// </summary>
public sealed record AccessRule(AccessLevel Level, Func<IMessage, string?>? MunicipalityOf = null, string? MunicipalityField = null)
{
    /// <summary>
    /// For a request across municipalities (a report of a prefecture or of a list of
    /// municipalities), the area it names; null for a request of one municipality, which the
    /// ordinary rule then decides. See <see cref="CallAccess.DecideArea"/>.
    /// </summary>
    public Func<IMessage, AreaAsked?>? AreaOf { get; init; }

    public static AccessRule Read => new(AccessLevel.Read);
    public static AccessRule Write => new(AccessLevel.Write);
    public static AccessRule Admin => new(AccessLevel.Admin);

    /// <summary>The same rule, with the request's municipality code (field <paramref name="field"/>) checked first.</summary>
    public AccessRule In<TRequest>(Func<TRequest, string?> municipality, string field) where TRequest : IMessage =>
        this with { MunicipalityOf = message => municipality((TRequest)message), MunicipalityField = field };

    /// <summary>The same rule for requests that may name an area instead of one municipality (<paramref name="area"/> null: they do
    /// not).</summary>
    public AccessRule Across<TRequest>(Func<TRequest, AreaAsked?> area) where TRequest : IMessage =>
        this with { AreaOf = message => area((TRequest)message) };
}

/// <summary>
/// The municipalities a request across municipalities names: a prefecture by its 2-digit code, or
/// a list of municipality codes, with the request's field names for the refusals.
/// </summary>
public sealed record AreaAsked(string PrefectureCode, IReadOnlyList<string> MunicipalityCodes, string PrefectureField = "prefecture_code",
    string MunicipalitiesField = "municipality_codes");

/// <summary>
/// Deny by default: the one table per gRPC service saying what each method needs. A method that
/// is not in its service's table answers PERMISSION_DENIED (and a test fails), so a new RPC
/// cannot go live without a decision about who may call it.
/// </summary>
public sealed class AccessTable(string serviceFullName, IReadOnlyDictionary<string, AccessRule> rules)
{
    /// <summary>The gRPC service's full name, e.g. "kyodo.plan.v1.PlanService".</summary>
    public string Service { get; } = serviceFullName;

    public IReadOnlyDictionary<string, AccessRule> Rules { get; } = rules;

    public AccessRule? Find(string method) => Rules.GetValueOrDefault(method);
}
