using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Projections;
using Kyodo.Subsidy.Data;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Budgets;

/// <summary>Whose a budget line is: its municipality and its item's current lead department (null when none or the item is gone).</summary>
public sealed record BudgetLineOwner(string MunicipalityCode, Guid? DepartmentId, int FiscalYear);

/// <summary>
/// The budget lines the subsidy service knows, from its own database: <see cref="BudgetLineFact"/>
/// (fed by the budget service's line events) and the line's item's <see cref="PlanItemFact"/> (fed
/// by the plan service's item events). A line, or its item, not seen yet is asked of the budget
/// service once (GetBudgetLine with current_lead, which answers what it knows of the item too) and
/// recorded.
/// </summary>
public interface IBudgetLines
{
    /// <summary>
    /// The line's owner now; NOT_FOUND when the budget service holds no such line (deleted, never
    /// created, or out of the caller's reach). With <paramref name="mayAsk"/> false (inside a
    /// transaction: asking is a network call) a line not known here is ABORTED, to be retried.
    /// </summary>
    Task<BudgetLineOwner> OwnerAsync(Guid lineId, bool mayAsk, CancellationToken ct);
}

internal sealed class ProjectedBudgetLines(SubsidyDbContext db, BudgetService.BudgetServiceClient client) : IBudgetLines
{
    public async Task<BudgetLineOwner> OwnerAsync(Guid lineId, bool mayAsk, CancellationToken ct)
    {
        var line = await db.BudgetLineFacts.AsNoTracking().SingleOrDefaultAsync(l => l.LineId == lineId, ct);
        if (line is { Deleted: true }) throw new NotFoundException("budget line", lineId.ToString());
        var item = line is null ? null : await db.FindPlanItemAsync(line.ItemId, ct);
        if (line is not null && item is not null) return Owner(line, item);
        if (!mayAsk)
            throw new ConcurrencyConflictException(SubsidyErrors.LineLinkedMeanwhile(lineId));

        var answer = await AskAsync(lineId, ct);
        await db.RecordLineAsync(answer.Line.MunicipalityCode, lineId, Guid.Parse(answer.Line.ItemId), answer.Line.FiscalYear,
            answer.Line.Revision, ct);
        if (answer.Item is { } known)
        {
            var planId = Guid.Parse(known.PlanId);
            if (known.Deleted)
                await db.RecordPlanItemDeletedAsync(known.MunicipalityCode, Guid.Parse(known.Id), planId, known.Revision, ct);
            else await db.RecordPlanItemAsync(new PlanItemState(Guid.Parse(known.Id), known.MunicipalityCode, planId, answer.Line.ItemTitle,
                known.Lead is { } lead ? Guid.Parse(lead.Id) : null, known.Lead?.Name ?? "", known.Revision), ct);
        }
        // What is recorded now (the answer, or newer events that won meanwhile). An item the plan service
        // knows no more is recorded by no one: its lines belong to no department.
        line = await db.BudgetLineFacts.AsNoTracking().SingleAsync(l => l.LineId == lineId, ct);
        if (line.Deleted) throw new NotFoundException("budget line", lineId.ToString());
        item = await db.FindPlanItemAsync(line.ItemId, ct);
        return item is null ? new BudgetLineOwner(line.MunicipalityCode, null, line.FiscalYear) : Owner(line, item);
    }

    private async Task<GetBudgetLineResponse> AskAsync(Guid lineId, CancellationToken ct)
    {
        try
        {
            // With the caller's token: a line the caller may not see is NOT_FOUND, as a missing one.
            return await client.GetBudgetLineAsync(new GetBudgetLineRequest { Id = lineId.ToString(), CurrentLead = true },
                cancellationToken: ct);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw new NotFoundException("budget line", lineId.ToString());
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal
            or StatusCode.Unknown)
        {
            throw new DependencyUnavailableException(SubsidyErrors.BudgetUnreachableAboutLine(lineId, ex.StatusCode.ToString()), ex);
        }
    }

    private static BudgetLineOwner Owner(BudgetLineFact line, PlanItemFact item) =>
        new(line.MunicipalityCode, item.Deleted ? null : item.LeadDepartmentId, line.FiscalYear);
}
