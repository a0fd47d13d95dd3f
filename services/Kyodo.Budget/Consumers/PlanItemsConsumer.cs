using Kyodo.Budget.Data;
using Kyodo.ServiceDefaults.Projections;

namespace Kyodo.Budget.Consumers;

/// <summary>The budget service's record of the plan service's items (lead department, deletion): who owns a line.</summary>
public sealed class PlanItemsConsumer(BudgetDbContext db) : PlanItemFactsConsumer<BudgetDbContext>(db);
