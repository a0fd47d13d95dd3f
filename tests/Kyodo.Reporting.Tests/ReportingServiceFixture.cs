using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

public class ReportingServiceFixture : ServiceFixture<ReportingDbContext>
{
    protected override string Name => "reporting";
    protected override string ConnectionName => "Reporting";
    protected override WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure) =>
        ReportingApp.Create(args, builder =>
        {
            configure?.Invoke(builder);
            Configure(builder);
        });

    /// <summary>Settings of a fixture's own, over the test settings.</summary>
    protected virtual void Configure(WebApplicationBuilder builder) { }

    public ReportingService.ReportingServiceClient Client => new(Service.Channel);

    /// <summary>Polls the overview until <paramref name="done"/> holds, returning the last answer either way.</summary>
    public async Task<GetMunicipalityOverviewResponse> OverviewWhenAsync(string municipalityCode,
        Func<GetMunicipalityOverviewResponse, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var overview =
                await Client.GetMunicipalityOverviewAsync(new GetMunicipalityOverviewRequest { MunicipalityCode = municipalityCode });
            if (done(overview) || DateTime.UtcNow > deadline) return overview;
            await Task.Delay(100);
        }
    }
}
