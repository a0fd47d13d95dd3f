using Kyodo.Budget.Data;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Messaging;

namespace Kyodo.Budget;

public static class BudgetServiceExtensions
{
    /// <summary>The budget service's own registrations: its database (ConnectionStrings:Budget) and its bus with the outbox relay.</summary>
    public static WebApplicationBuilder AddBudgetServices(this WebApplicationBuilder builder)
    {
        builder.AddKyodoDatabase<BudgetDbContext>("Budget");
        builder.AddKyodoMessaging();
        builder.AddKyodoOutbox<BudgetDbContext>();
        return builder;
    }
}
