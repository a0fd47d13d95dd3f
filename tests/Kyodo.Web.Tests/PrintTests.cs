using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kyodo.Web.Tests;

/// <summary>Pages print on A4 with the report alone: no menus, forms or download links.</summary>
[Collection(WebCollection.Name)]
public sealed class PrintTests(WebFixture web)
{
    [Fact]
    public async Task PlanPagePrintsOnA4PagesWithoutMenusFormsOrDownloads()
    {
        await using var browser = await BrowserSession.SignedInAsync(web, WebFixture.Yamaguchi, "viewer");
        await browser.GoAsync($"plans/{web.YamaguchiPlan.Id}");
        await browser.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        Assert.False(await browser.Page.Locator(".main-nav").IsVisibleAsync());
        Assert.False(await browser.Page.Locator(".exports").First.IsVisibleAsync());
        Assert.True(await browser.Page.Locator("#schedule").IsVisibleAsync());

        var pdf = await browser.Page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        await File.WriteAllBytesAsync(Path.Combine(Artifacts.Folder("web-screenshots"), "plan-yamaguchi-print.pdf"), pdf);
        // Every page's MediaBox is A4: 210 × 297 mm = 595.3 × 841.9 pt.
        var boxes = Regex.Matches(Encoding.Latin1.GetString(pdf), @"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]");
        Assert.NotEmpty(boxes);
        Assert.All(boxes, box =>
        {
            Assert.InRange(double.Parse(box.Groups[1].Value, CultureInfo.InvariantCulture), 594, 597);
            Assert.InRange(double.Parse(box.Groups[2].Value, CultureInfo.InvariantCulture), 840, 843);
        });
    }
}
