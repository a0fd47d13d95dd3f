using System.Security.Claims;
using Kyodo.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Kyodo.Web.SignIn;

/// <summary>
/// The cookie's identity and properties for a Kyodo access token: its claims (what the pages show
/// and offer), the token itself (sent with every gateway call, never to the browser's script:
/// the cookie is HttpOnly and encrypted), and an expiry equal to the token's, so a user whose
/// token ran out signs in again rather than meeting UNAUTHENTICATED answers.
/// </summary>
public static class TokenClaims
{
    public const string AccessToken = "access_token";

    private static readonly string[] Carried = [KyodoClaims.Subject, KyodoClaims.Municipality, KyodoClaims.Role, KyodoClaims.Department];

    public static ClaimsIdentity Identity(string accessToken, string? municipalityName, IEnumerable<string> departmentNames,
        bool development)
    {
        var token = new JsonWebToken(accessToken);
        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, KyodoClaims.Subject, KyodoClaims.Role);
        identity.AddClaims(token.Claims.Where(c => Carried.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value)));
        if (municipalityName is { Length: > 0 }) identity.AddClaim(new Claim(SignedInUser.MunicipalityNameClaim, municipalityName));
        identity.AddClaims(departmentNames.Select(n => new Claim(SignedInUser.DepartmentNameClaim, n)));
        if (development) identity.AddClaim(new Claim(SignedInUser.DevelopmentClaim, "true"));
        return identity;
    }

    /// <summary>Stores the token in <paramref name="properties"/> and ends the cookie when the token ends.</summary>
    public static void Keep(AuthenticationProperties properties, string accessToken)
    {
        properties.StoreTokens([new AuthenticationToken { Name = AccessToken, Value = accessToken }]);
        properties.ExpiresUtc = new JsonWebToken(accessToken).ValidTo;
        properties.IsPersistent = false;
    }
}
