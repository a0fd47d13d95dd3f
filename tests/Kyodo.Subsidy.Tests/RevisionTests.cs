using Kyodo.Contracts.Subsidy;
using Kyodo.Subsidy.V1;

namespace Kyodo.Subsidy.Tests;

/// <summary>What the reporting rebuild reads: programs and applications as listed carry the revision of their latest event.</summary>
public sealed class RevisionTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    [Fact]
    public async Task ProgramsAndApplicationsAreListedWithTheRevisionOfTheirLatestEvent()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000, municipality: "20210");
        var application = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, requestedYen: 100_000);

        var (programChanged, _) = await system.Events.WaitForAsync<SubsidyProgramChanged>(
            e => e.ProgramId == Guid.Parse(komoro.Program.Id) && e.BudgetLines.Count == 1);
        var (reviewed, _) = await system.Events.WaitForAsync<ApplicationStatusChanged>(
            e => e.ApplicationId == Guid.Parse(application.Id) && e.To == "UnderReview");

        var program = (await system.Subsidies.ListProgramsAsync(new ListProgramsRequest { MunicipalityCode = "20210" })).Programs.Single();
        Assert.Equal(programChanged.Revision, program.Revision);
        var listed = (await system.Subsidies.ListApplicationsAsync(
            new ListApplicationsRequest { MunicipalityCode = "20210" })).Applications.Single();
        Assert.Equal(2, reviewed.Revision); // submitted (1), under review (2)
        Assert.Equal(reviewed.Revision, listed.Revision);
    }
}
