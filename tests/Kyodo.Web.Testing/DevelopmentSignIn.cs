using Microsoft.Playwright;

namespace Kyodo.Web.Testing;

/// <summary>Signs a browser in through the web app's development sign-in page, as a person would.</summary>
public static class DevelopmentSignIn
{
    /// <param name="department">The department's name as the page lists it, or null for none.</param>
    public static async Task SignInAsync(IPage page, Uri app, string municipality, string role, string? department, string subject)
    {
        await page.GotoAsync(new Uri(app, $"signin?municipality={municipality}").ToString());
        if (department is not null) await page.SelectOptionAsync("#signin-department", new SelectOptionValue { Label = department });
        await page.SelectOptionAsync("#signin-role", role);
        await page.FillAsync("#signin-subject", subject);
        await page.ClickAsync("form[action='signin/dev'] button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
    }
}
