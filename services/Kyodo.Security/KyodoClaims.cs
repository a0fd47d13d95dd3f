namespace Kyodo.Security;

/// <summary>
/// The claims a Kyodo token carries, under their JWT names (inbound claim mapping is off, so
/// handlers see exactly these).
/// </summary>
public static class KyodoClaims
{
    public const string Subject = "sub";

    /// <summary>The 5-digit code of the caller's municipality; one per token.</summary>
    public const string Municipality = "municipality";

    /// <summary>A department id (GUID) the caller works for; one claim per department.</summary>
    public const string Department = "department";

    /// <summary>One of <see cref="KyodoRoles"/>; one claim per role.</summary>
    public const string Role = "role";

    /// <summary>Space-separated scopes (OAuth 2 style); what a system caller may do.</summary>
    public const string Scope = "scope";

    /// <summary>
    /// The 2-digit code of the prefecture a <see cref="KyodoRoles.Prefecture"/> caller reads
    /// (the first two digits of its municipalities' codes); one per token.
    /// </summary>
    public const string Prefecture = "prefecture";
}

/// <summary>The roles a token may name.</summary>
public static class KyodoRoles
{
    /// <summary>Administers its municipality: plans, hierarchy, departments, every item, line and program.</summary>
    public const string Admin = "admin";

    /// <summary>Writes the items, budget lines and subsidy programs of its departments; reads the rest of its municipality.</summary>
    public const string Editor = "editor";

    /// <summary>Reads its municipality.</summary>
    public const string Viewer = "viewer";

    /// <summary>Another system: may do exactly what its scopes name.</summary>
    public const string System = "system";

    /// <summary>
    /// A prefecture's office: reads reports across the municipalities of its prefecture (the
    /// <see cref="KyodoClaims.Prefecture"/> claim) and nothing else, no single municipality's records.
    /// </summary>
    public const string Prefecture = "prefecture";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Viewer, System, Prefecture];
}

/// <summary>The scopes a system caller's token may name.</summary>
public static class KyodoScopes
{
    public const string Read = "kyodo.read";
    public const string Write = "kyodo.write";
    public const string Admin = "kyodo.admin";

    /// <summary>
    /// Reaches every municipality (an explicit cross-municipality caller, DOMAIN.md Tenancy):
    /// operators' tooling and the test harness; never given to a city's own system.
    /// </summary>
    public const string AllMunicipalities = "kyodo.all-municipalities";
}
