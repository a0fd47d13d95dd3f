using Kyodo.Security;
using Kyodo.ServiceDefaults.Security;

namespace Kyodo.Plan.Grpc;

/// <summary>
/// Who may make an indicator's actual official without a second person: only a system caller with
/// kyodo.admin, i.e. an import of figures already published and approved (`kyodo import` of a
/// city's results table). A person, admin or editor, and a system caller with kyodo.write only,
/// enter and submit; another admin approves.
/// </summary>
internal static class ActualRights
{
    public static bool RecordsOfficialActuals(this CallAccess access) =>
        access.Caller.HasRole(KyodoRoles.System) && access.Caller.HasScope(KyodoScopes.Admin);
}
