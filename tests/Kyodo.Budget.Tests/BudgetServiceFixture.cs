using Kyodo.Budget.Data;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.Testing;

namespace Kyodo.Budget.Tests;

public sealed class BudgetServiceFixture : ServiceFixture<BudgetDbContext>
{
    protected override string Name => "budget";
    protected override string ConnectionName => "Budget";
    protected override Type[] ObservedEvents => [typeof(BudgetLineCreated)];
    protected override WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure) => BudgetApp.Create(args, configure);

    public BudgetService.BudgetServiceClient Client => new(Service.Channel);
}
