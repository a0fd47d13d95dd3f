using Kyodo.Contracts.Subsidy;
using Kyodo.Subsidy.Data;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.Subsidy.Tests;

public sealed class SubsidyServiceFixture : ServiceFixture<SubsidyDbContext>
{
    protected override string Name => "subsidy";
    protected override string ConnectionName => "Subsidy";
    protected override Type[] ObservedEvents => [typeof(SubsidyProgramCreated)];
    protected override WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure) => SubsidyApp.Create(args, configure);

    public SubsidyService.SubsidyServiceClient Client => new(Service.Channel);
}
