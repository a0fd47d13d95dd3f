using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;

namespace Kyodo.ServiceDefaults.Tests;

// The decision every service makes from a token and a method's rule. Refusals first.
public sealed class CallAccessTests
{
    private static readonly Guid Kikaku = Guid.NewGuid();
    private static readonly Guid Fukushi = Guid.NewGuid();

    private static Caller User(string role, string? municipality = "35203", params Guid[] departments) =>
        new("u", municipality, departments, new HashSet<string> { role }, new HashSet<string>(), null);

    private static Caller System(string? municipality, params string[] scopes) =>
        new("s", municipality, [], new HashSet<string> { KyodoRoles.System }, scopes.ToHashSet(), null);

    [Theory]
    [InlineData(KyodoRoles.Viewer, AccessLevel.Write)]
    [InlineData(KyodoRoles.Viewer, AccessLevel.Admin)]
    [InlineData(KyodoRoles.Editor, AccessLevel.Admin)]
    [InlineData("auditor", AccessLevel.Read)] // a role Kyodo does not know grants nothing
    public void ARoleIsRefusedWhatItDoesNotGrant(string role, AccessLevel level)
    {
        Assert.Null(CallAccess.Decide(User(role), new AccessRule(level), out var refusal));
        Assert.NotEmpty(refusal);
    }

    [Fact]
    public void ASystemCallerGetsExactlyItsScopes()
    {
        var reader = System("35203", KyodoScopes.Read);
        Assert.NotNull(CallAccess.Decide(reader, AccessRule.Read, out _));
        Assert.Null(CallAccess.Decide(reader, AccessRule.Write, out var refusal));
        Assert.Contains(KyodoScopes.Write, refusal);
        Assert.Null(CallAccess.Decide(System("35203", KyodoScopes.Write), AccessRule.Read, out _)); // write does not imply read
        Assert.Null(CallAccess.Decide(System("35203", KyodoScopes.Write), AccessRule.Admin, out _));
        // Scopes mean nothing without the system role.
        var viewerWithScopes =
            User(KyodoRoles.Viewer) with { Scopes = new HashSet<string> { KyodoScopes.Admin, KyodoScopes.AllMunicipalities } };
        Assert.Null(CallAccess.Decide(viewerWithScopes, AccessRule.Admin, out _));
        Assert.Equal("35203", CallAccess.Decide(viewerWithScopes, AccessRule.Read, out _)!.MunicipalityScope);
    }

    [Fact]
    public void OnlyASystemCallerWithAllMunicipalitiesReachesEveryMunicipality()
    {
        Assert.Null(
            CallAccess.Decide(System("35203", KyodoScopes.Read, KyodoScopes.AllMunicipalities), AccessRule.Read, out _)!.MunicipalityScope);
        Assert.Null(CallAccess.Decide(System(null, KyodoScopes.Read), AccessRule.Read, out var refusal));
        Assert.Contains("no municipality", refusal);
        Assert.Null(CallAccess.Decide(User(KyodoRoles.Admin, municipality: null), AccessRule.Read, out _));

        var home = CallAccess.Decide(User(KyodoRoles.Admin), AccessRule.Admin, out _)!;
        Assert.True(home.Reaches("35203"));
        Assert.False(home.Reaches("20208"));
        var missing = Assert.Throws<NotFoundException>(() => home.EnsureReaches("20208", "item", "x"));
        Assert.Equal(new NotFoundException("item", "x").Message, missing.Message);
        Assert.Contains("municipality_code",
            Assert.Throws<PermissionDeniedException>(() => home.EnsureMunicipality("20208", "municipality_code")).Message);
    }

    [Fact]
    public void AnEditorWritesOnlyRecordsOfItsDepartmentsAndCannotHandThemOn()
    {
        var editor = CallAccess.Decide(User(KyodoRoles.Editor, "35203", Kikaku), AccessRule.Write, out _)!;
        Assert.True(editor.IsDepartmentLimited);
        Assert.Throws<PermissionDeniedException>(() => editor.EnsureOwns([Fukushi], "item"));
        Assert.Throws<PermissionDeniedException>(() => editor.EnsureOwns([], "budget line"));
        editor.EnsureOwns([Fukushi, Kikaku], "item"); // a joint item is also its own

        var added = Assert.Throws<PermissionDeniedException>(
            () => editor.EnsureMaySetDepartments([Kikaku, Fukushi], [Kikaku], "fields.departments"));
        Assert.Contains("fields.departments", added.Message);
        Assert.Contains(Fukushi.ToString(), added.Message);
        Assert.Throws<PermissionDeniedException>(() => editor.EnsureMaySetDepartments([Fukushi], [Kikaku, Fukushi], "fields.departments"));
        editor.EnsureMaySetDepartments([Kikaku, Fukushi], [Kikaku, Fukushi], "fields.departments"); // keeps what was there
        editor.EnsureMaySetDepartments([Kikaku], [], "fields.departments");

        foreach (var unlimited in new[] { User(KyodoRoles.Admin), System("35203", KyodoScopes.Write) })
        {
            var access = CallAccess.Decide(unlimited, AccessRule.Write, out _)!;
            Assert.False(access.IsDepartmentLimited);
            access.EnsureOwns([Fukushi], "item");
            access.EnsureMaySetDepartments([Fukushi], [], "fields.departments");
        }
    }

    [Fact]
    public void AnEditorMayDeleteOnlyWhenItBelongsToEveryDecidingDepartment()
    {
        var editor = CallAccess.Decide(User(KyodoRoles.Editor, "35203", Kikaku), AccessRule.Write, out _)!;
        var shared = Assert.Throws<PermissionDeniedException>(() => editor.EnsureMayDelete([Kikaku, Fukushi], "subsidy program"));
        Assert.Contains(Fukushi.ToString(), shared.Message);
        Assert.DoesNotContain(Kikaku.ToString(), shared.Message);
        Assert.Throws<PermissionDeniedException>(() => editor.EnsureMayDelete([], "subsidy program")); // no department decides: the admin's
        editor.EnsureMayDelete([Kikaku], "item");
        CallAccess.Decide(User(KyodoRoles.Editor, "35203", Kikaku, Fukushi), AccessRule.Write, out _)!.EnsureMayDelete([Kikaku, Fukushi],
            "subsidy program");

        var admin = CallAccess.Decide(User(KyodoRoles.Admin), AccessRule.Write, out _)!;
        admin.EnsureMayDelete([], "subsidy program");
        admin.EnsureMayDelete([Fukushi], "item");
    }
}
