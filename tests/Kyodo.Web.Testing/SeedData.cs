using Kyodo.Budget.V1;
using Kyodo.Cli;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.Web.Testing;

/// <summary>
/// The repository's seed dataset (data/seed), imported as `./dev up` does (kyodo import), then
/// waited for until the reporting service holds all of it: for every municipality, as many items,
/// budget lines and applications as plan, budget and subsidy list.
/// </summary>
public static class SeedData
{
    public static string Folder { get; } = Find();

    public static async Task ImportAsync(ServiceUnderTest gateway)
    {
        var exit =
            await KyodoCli.RunAsync(["import", Folder, "--gateway", gateway.GrpcAddress.ToString(), "--token", TestAuth.SystemToken()]);
        if (exit != 0) throw new InvalidOperationException($"kyodo import {Folder} exited {exit} (its output is above)");
        await WaitUntilReportedAsync(gateway);
    }

    private static async Task WaitUntilReportedAsync(ServiceUnderTest gateway)
    {
        var plans = new PlanService.PlanServiceClient(gateway.Channel);
        var budgets = new BudgetService.BudgetServiceClient(gateway.Channel);
        var subsidies = new SubsidyService.SubsidyServiceClient(gateway.Channel);
        var reporting = new ReportingService.ReportingServiceClient(gateway.Channel);
        var municipalities =
            (await plans.ListMunicipalitiesAsync(new ListMunicipalitiesRequest())).Municipalities.Select(m => m.Code).ToList();
        var expected = new Dictionary<string, (int Items, int Lines, int Applications)>();
        foreach (var code in municipalities)
        {
            var items = (await plans.ListItemsAsync(
                new ListItemsRequest { MunicipalityCode = code, Page = new PageRequest { PageSize = 1 } })).TotalCount;
            var lines = await CountAsync(async token => (await budgets.ListBudgetLinesAsync(new ListBudgetLinesRequest
            { MunicipalityCode = code, Page = Page(token) })) is var p ? (p.Lines.Count, p.Page.NextPageToken) : default);
            var applications = await CountAsync(async token => (await subsidies.ListApplicationsAsync(new ListApplicationsRequest
            { MunicipalityCode = code, Page = Page(token) })) is var p ? (p.Applications.Count, p.Page.NextPageToken) : default);
            expected[code] = (items, lines, applications);
        }
        var deadline = DateTime.UtcNow.AddSeconds(120);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var behind = new List<string>();
            foreach (var code in municipalities)
            {
                var o = await reporting.GetMunicipalityOverviewAsync(new GetMunicipalityOverviewRequest { MunicipalityCode = code });
                var want = expected[code];
                if ((o.ItemCount, o.BudgetLineCount, o.ApplicationCount) != want)
                    behind.Add($"{code}: reporting holds {o.ItemCount}/{o.BudgetLineCount}/{o.ApplicationCount} items/lines/applications "
                        + $"of {want.Items}/{want.Lines}/{want.Applications}");
            }
            if (behind.Count == 0) return;
            last = string.Join("; ", behind);
            await Task.Delay(250);
        }
        throw new TimeoutException("reporting did not catch up with the seed import within 120 s: " + last);
    }

    private static PageRequest Page(string token) => new() { PageSize = 500, PageToken = token };

    private static async Task<int> CountAsync(Func<string, Task<(int Count, string Next)>> page)
    {
        var (total, token) = (0, "");
        do
        {
            var (count, next) = await page(token);
            total += count;
            token = next;
        } while (token.Length > 0);
        return total;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "seed");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Kyodo.sln"))) return candidate;
        }
        throw new InvalidOperationException("data/seed not found above " + AppContext.BaseDirectory);
    }
}
