using Kyodo.Budget.V1;
using Kyodo.ServiceDefaults.Updates;

namespace Kyodo.Budget.Grpc;

/// <summary>
/// What ReviseBudgetLine may change (AIP-134 update_mask paths, <see cref="UpdateRule"/>), and a line
/// as it is stored, shaped as that request. The funding is one leaf: its cost must equal the sum of
/// its sources, so it changes whole; the account classification is one too.
/// </summary>
public static class BudgetUpdates
{
    public static readonly UpdateRule Line = new(ReviseBudgetLineRequest.Descriptor, ["stage", "supplementary_number", "funding", "account"]);

    public static UpdateRuleTable Table { get; } = new(BudgetService.Descriptor, new Dictionary<string, UpdateRule>
    {
        [nameof(BudgetService.BudgetServiceBase.ReviseBudgetLine)] = Line,
    });

    internal static ReviseBudgetLineRequest AsUpdate(this Domain.BudgetLine line)
    {
        var stored = line.ToMessage();
        return new ReviseBudgetLineRequest
        {
            Stage = stored.Stage, SupplementaryNumber = stored.SupplementaryNumber, Funding = stored.Funding, Account = stored.Account,
        };
    }
}
