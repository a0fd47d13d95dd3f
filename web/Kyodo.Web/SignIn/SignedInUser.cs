using System.Security.Claims;
using Kyodo.Security;

namespace Kyodo.Web.SignIn;

/// <summary>
/// Who is signed in, as the cookie holds it: the claims of their Kyodo token (subject,
/// municipality, roles, departments) and the names the app looked up for them at sign-in.
/// What they may do is decided by the services on every call; this only shapes the pages.
/// </summary>
public sealed record SignedInUser(
    string Subject,
    string Municipality,
    string MunicipalityName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Departments,
    IReadOnlyList<string> DepartmentNames,
    bool DevelopmentToken)
{
    /// <summary>Claims the app adds beside the token's own (names for display, the development mark).</summary>
    public const string MunicipalityNameClaim = "kyodo_web:municipality_name";
    public const string DepartmentNameClaim = "kyodo_web:department_name";
    public const string DevelopmentClaim = "kyodo_web:development";

    public static SignedInUser From(ClaimsPrincipal principal)
    {
        string? One(string type) => principal.FindFirst(type)?.Value;
        IReadOnlyList<string> All(string type) => principal.FindAll(type).Select(c => c.Value).ToList();
        var municipality = One(KyodoClaims.Municipality) ?? "";
        return new SignedInUser(
            One(KyodoClaims.Subject) ?? "",
            municipality,
            One(MunicipalityNameClaim) ?? municipality,
            All(KyodoClaims.Role),
            All(KyodoClaims.Department),
            All(DepartmentNameClaim),
            One(DevelopmentClaim) == "true");
    }

    /// <summary>Whether the pages offer writes (the services still check every one: an editor only for their departments' items).</summary>
    public bool MayWrite => Roles.Contains(KyodoRoles.Editor) || Roles.Contains(KyodoRoles.Admin);

    /// <summary>The role as staff read it.</summary>
    public string RoleLabel => Roles.Contains(KyodoRoles.Admin) ? "管理者"
        : Roles.Contains(KyodoRoles.Editor) ? "編集者"
        : Roles.Contains(KyodoRoles.Viewer) ? "閲覧者"
        : string.Join("・", Roles);
}
