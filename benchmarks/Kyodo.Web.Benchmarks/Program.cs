using System.Diagnostics;
using System.Globalization;
using Kyodo.Reporting.V1;
using Kyodo.Web.Benchmarks;
using Kyodo.Web.Testing;

// dotnet run -c Release --project benchmarks/Kyodo.Web.Benchmarks [-- --requests 200 --cold-loads 5]
// Goals: municipality page server response p95 <= 300 ms, first contentful paint
// <= 1 s, <= 1.5 MB transferred on a cold load (the charts library included).
var requests = Options.Int(args, "--requests", 200);
var coldLoads = Options.Int(args, "--cold-loads", 5);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

Console.WriteLine($"starting the system and importing the seed… (load average {Load.Average})");
await using var system = await WebSystem.StartAsync("wbench", new Dictionary<string, string?>
{
    // One subject calls request after request: the production limit (100/s) would throttle the run.
    ["Gateway:RateLimit:RequestsPerSecond"] = "100000",
    ["Gateway:RateLimit:Burst"] = "100000",
});
const string Komoro = "20208";
var page = new Uri(system.AppAddress, "?from=2019&to=2021");

await using (var browser = await Browser.LaunchAsync())
{
    var signedIn = browser.Context.Pages.FirstOrDefault() ?? await browser.Context.NewPageAsync();
    await DevelopmentSignIn.SignInAsync(signedIn, system.AppAddress, Komoro, "viewer", null, "bench");
    var cookie = string.Join("; ", (await browser.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));

    using var http = new HttpClient();
    http.DefaultRequestHeaders.Add("Cookie", cookie);
    var reporting = new ReportingService.ReportingServiceClient(system.Gateway.ChannelAs(TokenFor.Viewer(Komoro)));
    var summary = new DepartmentSummaryRequest { MunicipalityCode = Komoro, FiscalYearFrom = 2019, FiscalYearTo = 2021 };
    var css = new Uri(system.AppAddress, "favicon.svg");

    // Warm-up: JIT, connection pools, PostgreSQL's caches.
    for (var i =
        0; i < 20; i++) { (await http.GetAsync(page)).EnsureSuccessStatusCode(); await reporting.GetDepartmentSummaryAsync(summary); }

    var pageTimes = await Timing.RunAsync(requests, async () => (await http.GetAsync(page)).EnsureSuccessStatusCode());
    var rpcTimes = await Timing.RunAsync(requests, async () => await reporting.GetDepartmentSummaryAsync(summary));
    var staticTimes = await Timing.RunAsync(requests, async () => (await http.GetAsync(css)).EnsureSuccessStatusCode());
    var bytes = (await http.GetByteArrayAsync(page)).Length;
    Console.WriteLine();
    Console.WriteLine($"server response, {requests} sequential GETs through the gateway (load average {Load.Average})");
    Console.WriteLine(Timing.Header);
    Console.WriteLine(Timing.Row("municipality page (HTML, 4 calls)", pageTimes));
    Console.WriteLine(Timing.Row("  baseline: its summary RPC alone", rpcTimes));
    Console.WriteLine(Timing.Row("  baseline: a static file via gateway", staticTimes));
    Console.WriteLine($"page HTML: {bytes:N0} bytes uncompressed");
}

Console.WriteLine();
Console.WriteLine($"cold loads in headless chromium (fresh profile each; load average {Load.Average})");
Console.WriteLine("run  FCP ms  load ms  transferred bytes  requests");
var fcps = new List<double>();
var transfers = new List<long>();
for (var run = 1; run <= coldLoads; run++)
{
    var cold = await ColdLoad.MeasureAsync(system.AppAddress, page, Komoro);
    fcps.Add(cold.FirstContentfulPaintMs);
    transfers.Add(cold.TransferredBytes);
    Console.WriteLine($"{run,3}  {cold.FirstContentfulPaintMs,6:0}  {cold.LoadMs,7:0}  {cold.TransferredBytes,17:N0}  {cold.Requests,8}");
}
Console.WriteLine(
    $"median FCP {Timing.Percentile(fcps, 50):0} ms (goal <= 1000), largest transfer {transfers.Max():N0} bytes (goal <= 1,572,864)");
return 0;
