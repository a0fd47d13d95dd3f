using Grpc.Core;
using Kyodo.Contracts.Subsidy;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Tests;

public sealed class ProgramTests(SubsidyServiceFixture fixture) : IClassFixture<SubsidyServiceFixture>
{
    [Fact]
    public async Task ProgramIsStoredReadBackAndPublished()
    {
        var program = (await fixture.Client.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = "20208",
            Name = "市民活動促進事業補助金",
        })).Program;

        await using (var db = fixture.OpenDatabase())
            Assert.Equal("市民活動促進事業補助金", (await db.Programs.SingleAsync(p => p.Id == Guid.Parse(program.Id))).Name);
        Assert.Equal("20208", (await fixture.Client.GetProgramAsync(new GetProgramRequest { Id = program.Id })).Program.MunicipalityCode);
        var (published, _) = await fixture.Events.WaitForAsync<SubsidyProgramCreated>(e => e.ProgramId == Guid.Parse(program.Id));
        Assert.Equal("市民活動促進事業補助金", published.Name);
    }

    [Fact]
    public async Task SecondProgramWithTheSameNameInOneMunicipalityIsAlreadyExistsButAnotherMunicipalityMayUseIt()
    {
        var request = new CreateProgramRequest { MunicipalityCode = "20203", Name = "わがまち魅力アップ応援事業" };
        await fixture.Client.CreateProgramAsync(request);

        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => fixture.Client.CreateProgramAsync(request).ResponseAsync);
        await fixture.Client.CreateProgramAsync(new CreateProgramRequest { MunicipalityCode = "20208", Name = request.Name });

        await using var db = fixture.OpenDatabase();
        Assert.Equal(1, await db.Programs.CountAsync(p => p.MunicipalityCode == "20203" && p.Name == request.Name));
    }
}
