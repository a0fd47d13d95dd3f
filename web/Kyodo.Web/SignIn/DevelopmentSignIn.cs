using Grpc.Core;
using Kyodo.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Kyodo.Web.SignIn;

/// <summary>
/// POST /signin/dev: the development sign-in's form. Mints a token with the local key for the
/// chosen municipality, department and role (8 hours), exactly as <c>./dev token</c> does, and
/// starts a session with it. Refuses (400, naming the field) a role other than viewer, editor or
/// admin, and a municipality or department the plan service does not hold.
/// </summary>
public static class DevelopmentSignIn
{
    public static readonly IReadOnlyList<string> Roles = [KyodoRoles.Viewer, KyodoRoles.Editor, KyodoRoles.Admin];

    public static async Task<IResult> SignInAsync(
        [FromForm] string? municipality, [FromForm] string? department, [FromForm] string? role, [FromForm] string? subject,
        [FromForm] string? returnUrl, HttpContext context, SignInMode mode, DevelopmentDirectory directory)
    {
        if (!mode.IsDevelopment) return Results.NotFound();
        var ct = context.RequestAborted;
        var problems = new List<string>();
        if (role is null || !Roles.Contains(role)) problems.Add("role: viewer, editor, admin のいずれか");
        var municipalities = await directory.MunicipalitiesAsync(ct);
        var city = municipalities.FirstOrDefault(m => m.Code == municipality);
        if (city is null) problems.Add($"municipality: '{municipality}' は登録されていません");
        var names = new List<string>();
        var departments = new List<string>();
        if (city is not null && !string.IsNullOrEmpty(department))
        {
            var found = (await directory.DepartmentsAsync(city.Code, ct)).FirstOrDefault(d => d.Id == department);
            if (found is null) problems.Add($"department: '{department}' は {city.Name} の部署ではありません");
            else { departments.Add(found.Id); names.Add(found.Name); }
        }
        if (role == KyodoRoles.Editor && departments.Count == 0) problems.Add("department: 編集者は部署を選んでください");
        if (problems.Count > 0) return Results.BadRequest("開発用サインインの入力に誤りがあります: " + string.Join("; ", problems));

        var who = string.IsNullOrWhiteSpace(subject) ? $"{role}@{city!.Code}" : subject.Trim();
        var token =
            TokenMinter.Mint(mode.Auth, new TokenRequest(who, city!.Code, [role!], departments) { Lifetime = TimeSpan.FromHours(8) });
        var properties = new AuthenticationProperties();
        TokenClaims.Keep(properties, token);
        await context.SignInAsync(SignInSetup.Cookie, new(TokenClaims.Identity(token, city.Name, names, development: true)), properties);
        return Results.LocalRedirect(SignInSetup.LocalReturn(context, returnUrl));
    }
}
