using Kyodo.ServiceDefaults.Projections;
using Kyodo.Subsidy.Data;

namespace Kyodo.Subsidy.Consumers;

/// <summary>The subsidy service's record of the plan service's items (lead department, deletion): whose a budget line, and so a program,
/// is.</summary>
public sealed class PlanItemsConsumer(SubsidyDbContext db) : PlanItemFactsConsumer<SubsidyDbContext>(db);
