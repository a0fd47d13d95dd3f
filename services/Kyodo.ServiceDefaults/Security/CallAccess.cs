using Grpc.Core;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.ServiceDefaults.Security;

/// <summary>
/// What this call's caller may reach, decided once by <see cref="AuthorizationInterceptor"/>
/// from the token and the method's <see cref="AccessRule"/>; handlers ask it about the records
/// they load. Two rules hold everywhere: a record of a municipality the caller cannot reach is
/// answered exactly as a missing one (NOT_FOUND, same message); an editor changes only records
/// of its own departments (PERMISSION_DENIED otherwise, before anything is written).
/// </summary>
public sealed class CallAccess
{
    private CallAccess(Caller caller, AccessRule rule, string? municipalityScope, bool departmentLimited, string? prefectureScope = null)
    {
        Caller = caller;
        Rule = rule;
        MunicipalityScope = municipalityScope;
        IsDepartmentLimited = departmentLimited;
        PrefectureScope = prefectureScope;
    }

    public Caller Caller { get; }
    public AccessRule Rule { get; }

    /// <summary>The one municipality the caller reaches; null for a system caller with kyodo.all-municipalities, and for a prefecture
    /// caller.</summary>
    public string? MunicipalityScope { get; }

    /// <summary>The prefecture a prefecture caller reaches (every municipality whose code starts with it); null otherwise.</summary>
    public string? PrefectureScope { get; }

    /// <summary>True when the caller writes only as an editor: every record it changes must be of one of its departments.</summary>
    public bool IsDepartmentLimited { get; }

    public bool Reaches(string municipalityCode) =>
        PrefectureScope is { } prefecture ? municipalityCode.StartsWith(prefecture, StringComparison.Ordinal)
        : MunicipalityScope is null || MunicipalityScope == municipalityCode;

    /// <summary>NOT_FOUND, worded exactly as for a missing record, when the record's municipality is out of reach.</summary>
    public void EnsureReaches(string municipalityCode, string resource, string id)
    {
        if (!Reaches(municipalityCode)) throw new NotFoundException(resource, id);
    }

    /// <summary>PERMISSION_DENIED naming <paramref name="field"/> when a request names a municipality out of reach.</summary>
    public void EnsureMunicipality(string? municipalityCode, string field)
    {
        if (municipalityCode is { Length: > 0 } code && !Reaches(code))
            throw new PermissionDeniedException(SharedMessages.OtherMunicipality(field, MunicipalityScope, code));
    }

    /// <summary>
    /// An editor may change a record only when one of the record's departments is its own.
    /// Admins and system callers with kyodo.write are not limited by department.
    /// </summary>
    public void EnsureOwns(IEnumerable<Guid> recordDepartments, string what)
    {
        if (!IsDepartmentLimited) return;
        if (!recordDepartments.Any(Caller.Departments.Contains))
            throw new PermissionDeniedException(SharedMessages.NotTheCallersDepartments(what));
    }

    /// <summary>
    /// An editor deletes a record only when every department in <paramref name="deciding"/> is its
    /// own (an item's lead; each department a program spends for): deleting takes the record from
    /// all of them, and an editor may not take a record from a department it does not work for.
    /// A record no department decides is left to admins.
    /// </summary>
    public void EnsureMayDelete(IReadOnlyCollection<Guid> deciding, string what)
    {
        if (!IsDepartmentLimited) return;
        if (deciding.Count == 0)
            throw new PermissionDeniedException(SharedMessages.NoDepartmentAdminOnly(what));
        var foreign = deciding.Where(d => !Caller.Departments.Contains(d)).Distinct().ToList();
        if (foreign.Count > 0)
            throw new PermissionDeniedException(SharedMessages.DeletionNeeds(what, string.Join(", ", foreign)));
    }

    /// <summary>
    /// The departments an editor may set on a record: every department it adds or drops must be
    /// its own (other departments the record already names must stay), the lead (first) department
    /// changes only from one of its own to another of its own, and at least one of its own must
    /// remain, so an editor can neither hand a record to another department nor take one over.
    /// </summary>
    public void EnsureMaySetDepartments(IReadOnlyCollection<Guid> requested, IReadOnlyCollection<Guid> current, string field)
    {
        if (!IsDepartmentLimited) return;
        var foreign = requested.Where(d => !current.Contains(d) && !Caller.Departments.Contains(d)).ToList();
        if (foreign.Count > 0)
            throw new PermissionDeniedException(SharedMessages.MayNotAssign(field, string.Join(", ", foreign)));
        var dropped = current.Where(d => !requested.Contains(d) && !Caller.Departments.Contains(d)).ToList();
        if (dropped.Count > 0)
            throw new PermissionDeniedException(SharedMessages.MayNotRemove(field, string.Join(", ", dropped)));
        // The lead department owns the record's budget lines, so taking or giving the lead is a hand-over.
        if (current.Count > 0 && requested.Count > 0 && current.First() != requested.First()
            && !(Caller.Departments.Contains(current.First()) && Caller.Departments.Contains(requested.First())))
            throw new PermissionDeniedException(SharedMessages.LeadChange(field));
        if (!requested.Any(Caller.Departments.Contains))
            throw new PermissionDeniedException(SharedMessages.KeepOwnDepartment(field));
    }

    /// <summary>Decides the call: null when the caller's roles and scopes do not grant the rule's level.</summary>
    public static CallAccess? Decide(Caller caller, AccessRule rule, out string refusal)
    {
        refusal = "";
        var system = caller.HasRole(KyodoRoles.System);
        var admin = caller.HasRole(KyodoRoles.Admin);
        var systemGranted = system && caller.HasScope(rule.Level switch
        {
            AccessLevel.Read => KyodoScopes.Read,
            AccessLevel.Write => KyodoScopes.Write,
            _ => KyodoScopes.Admin,
        });
        var userGranted = admin || rule.Level switch
        {
            AccessLevel.Read => caller.HasRole(KyodoRoles.Editor) || caller.HasRole(KyodoRoles.Viewer),
            AccessLevel.Write => caller.HasRole(KyodoRoles.Editor),
            _ => false,
        };
        if (!systemGranted && !userGranted) // a prefecture caller too: it reads areas only (DecideArea)
        {
            refusal = rule.Level switch
            {
                AccessLevel.Read => $"reading needs the role viewer, editor or admin (or a system token with {KyodoScopes.Read})",
                AccessLevel.Write => $"this change needs the role editor or admin (or a system token with {KyodoScopes.Write})",
                _ => $"this change needs the role admin (or a system token with {KyodoScopes.Admin})",
            };
            return null;
        }

        var everywhere = systemGranted && caller.HasScope(KyodoScopes.AllMunicipalities);
        if (!everywhere && caller.MunicipalityCode is not { Length: > 0 })
        {
            refusal = $"the token names no municipality (and no {KyodoScopes.AllMunicipalities} scope)";
            return null;
        }
        var departmentLimited = rule.Level == AccessLevel.Write && !admin && !systemGranted;
        return new CallAccess(caller, rule, everywhere ? null : caller.MunicipalityCode, departmentLimited);
    }

    /// <summary>
    /// Decides a read across municipalities (<paramref name="area"/>): only a system caller with
    /// kyodo.read and kyodo.all-municipalities, or a prefecture caller whose prefecture covers
    /// every municipality the area names (the prefecture asked for is its own; each municipality
    /// code starts with its code). Anyone else, a city's own users and systems included, is
    /// refused whatever the municipalities hold. Null (and the reason, naming the field) when refused.
    /// </summary>
    public static CallAccess? DecideArea(Caller caller, AccessRule rule, AreaAsked area, out string refusal)
    {
        refusal = "";
        if (rule.Level == AccessLevel.Read && caller.HasRole(KyodoRoles.System) && caller.HasScope(KyodoScopes.Read)
            && caller.HasScope(KyodoScopes.AllMunicipalities))
            return new CallAccess(caller, rule, null, departmentLimited: false);
        if (rule.Level != AccessLevel.Read || !caller.HasRole(KyodoRoles.Prefecture)
            || !MunicipalityCode.IsPrefecture(caller.PrefectureCode))
        {
            refusal = $"a report across municipalities needs the role {KyodoRoles.Prefecture} with a {KyodoClaims.Prefecture} claim, "
                + $"or a system token with {KyodoScopes.Read} and {KyodoScopes.AllMunicipalities}";
            return null;
        }
        var own = caller.PrefectureCode!;
        if (area.PrefectureCode.Length > 0 && area.PrefectureCode != own)
        {
            refusal = $"{area.PrefectureField}: the token reaches prefecture {own}; {area.PrefectureCode} is another prefecture";
            return null;
        }
        for (var i = 0; i < area.MunicipalityCodes.Count; i++)
            if (!area.MunicipalityCodes[i].StartsWith(own, StringComparison.Ordinal))
            {
                refusal = $"{area.MunicipalitiesField}[{i}]: the token reaches the municipalities of prefecture {own}; "
                    + $"{area.MunicipalityCodes[i]} is not one of them";
                return null;
            }
        return new CallAccess(caller, rule, null, departmentLimited: false, prefectureScope: own);
    }
}

public static class CallAccessExtensions
{
    /// <summary>This call's access decision (set by <see cref="AuthorizationInterceptor"/> before any handler runs).</summary>
    public static CallAccess Access(this ServerCallContext context) =>
        context.GetHttpContext().Items[typeof(CallAccess)] as CallAccess
        ?? throw new InvalidOperationException(
            $"{context.Method} ran without an access decision; is the AuthorizationInterceptor registered?");
}
