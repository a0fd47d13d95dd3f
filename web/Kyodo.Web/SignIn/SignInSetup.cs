using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Kyodo.Web.SignIn;

/// <summary>
/// Cookie sessions for the pages, started by OpenID Connect or the development sign-in (see
/// <see cref="SignInMode"/>). The cookie is HttpOnly, SameSite=Lax, encrypted by Data Protection,
/// and holds the user's Kyodo token; it ends when the token does.
/// </summary>
public static class SignInSetup
{
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Oidc = OpenIdConnectDefaults.AuthenticationScheme;
    public const string CookieName = "kyodo_web";

    public static IServiceCollection AddKyodoSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var mode = SignInMode.Read(configuration);
        services.AddSingleton(mode);
        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = Cookie;
            o.DefaultChallengeScheme = mode.IsOidc ? Oidc : Cookie;
        }).AddCookie(Cookie, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/signin";
            cookie.SlidingExpiration = false;
        });
        if (mode.IsOidc)
        {
            authentication.AddOpenIdConnect(Oidc, oidc =>
            {
                oidc.Authority = mode.Auth.Authority;
                oidc.RequireHttpsMetadata = mode.Auth.RequireHttpsMetadata;
                oidc.ClientId = mode.ClientId;
                oidc.ClientSecret = mode.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.UsePkce = true;
                oidc.MapInboundClaims = false;
                oidc.SaveTokens = false; // only the access token is kept, by TokenClaims
                oidc.Scope.Clear();
                foreach (var scope in mode.Scopes) oidc.Scope.Add(scope);
                oidc.Events.OnTokenValidated = context =>
                {
                    // The pages act with the access token (audience Auth:Audience) the gateway checks,
                    // so the session's claims are that token's, not the ID token's.
                    var accessToken = context.TokenEndpointResponse?.AccessToken;
                    if (string.IsNullOrEmpty(accessToken))
                    {
                        context.Fail("the OpenID Connect provider returned no access token");
                        return Task.CompletedTask;
                    }
                    context.Principal = new(TokenClaims.Identity(accessToken, null, [], development: false));
                    TokenClaims.Keep(context.Properties!, accessToken);
                    return Task.CompletedTask;
                };
            });
        }
        services.AddAuthorization();
        services.AddSingleton<DevelopmentDirectory>();
        return services;
    }

    public static void MapSignIn(this WebApplication app)
    {
        app.MapPost("/signin/dev", DevelopmentSignIn.SignInAsync).AllowAnonymous();
        app.MapGet("/signin/oidc", (string? returnUrl, SignInMode mode, HttpContext context) =>
            mode.IsOidc
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalReturn(context, returnUrl) }, [Oidc])
                : Results.NotFound()).AllowAnonymous();
        app.MapPost("/signout", async (HttpContext context, SignInMode mode) =>
        {
            await context.SignOutAsync(Cookie);
            return mode.IsOidc
                ? Results.SignOut(new AuthenticationProperties { RedirectUri = context.Request.PathBase + "/" }, [Oidc])
                : Results.LocalRedirect(context.Request.PathBase + "/signin");
        }).RequireAuthorization();
    }

    /// <summary>Where to go after signing in: a path of this app, never another site.</summary>
    public static string LocalReturn(HttpContext context, string? returnUrl)
    {
        var home = context.Request.PathBase + "/";
        if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") || returnUrl.StartsWith("/\\"))
            return home;
        return returnUrl.StartsWith(context.Request.PathBase + "/", StringComparison.Ordinal) ? returnUrl : home;
    }
}
