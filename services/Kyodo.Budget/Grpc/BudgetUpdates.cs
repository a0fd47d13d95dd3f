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
    public static readonly UpdateRule Line =
        new(ReviseBudgetLineRequest.Descriptor, ["stage", "supplementary_number", "funding", "account"]);

    public static UpdateRuleTable Table { get; } = new(BudgetService.Descriptor, new Dictionary<string, UpdateRule>
    {
        [nameof(BudgetService.BudgetServiceBase.ReviseBudgetLine)] = Line,
    });

    /// <summary>
    /// The line as stored, shaped as <paramref name="request"/>. A supplementary number belongs to its
    /// stage: a request that moves the line to another stage does not inherit the stored one (a
    /// 補正 line settled without naming a number is settled, not refused for the 補正's number).
    /// </summary>
    internal static ReviseBudgetLineRequest AsUpdate(this Domain.BudgetLine line, ReviseBudgetLineRequest request)
    {
        var stored = line.ToMessage();
        var sameStage = request.Stage == BudgetStage.Unspecified || request.Stage == stored.Stage;
        return new ReviseBudgetLineRequest
        {
            Stage = stored.Stage, SupplementaryNumber = sameStage ? stored.SupplementaryNumber : 0, Funding = stored.Funding,
            Account = stored.Account,
        };
    }
}
