using Grpc.Core;
using Kyodo.Budget.Domain;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Grpc;

/// <summary>
/// 繰越 (carried over into the item's next fiscal year), 流用 (moved to another line of the same
/// year, 会計 and 款: 地方自治法 220条2項 forbids moving between 款) and 予備費充用 (drawn from the
/// reserve). Both sides are written in one transaction, each line row-locked (in id order, so two
/// moves between the same lines cannot deadlock), each side recorded in its line's history with
/// the reason and the other line, each with its events.
/// </summary>
public sealed partial class BudgetGrpcService
{
    private async Task<ReviseBudgetLineResponse> AdjustBudgetLineAsync(ReviseBudgetLineRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        var id = v.Id(request.Id, "id");
        var kind = (Domain.BudgetStage)request.Stage;
        BudgetInputs.ReadStage(request.Stage, request.SupplementaryNumber, v, "", adjustmentsAllowed: true);
        var amount = BudgetInputs.ReadFunding(request.Amount, v, "amount");
        v.Check(amount is null || amount.CostYen > 0, "amount.cost_yen", BudgetErrors.AdjustmentAboveZero(kind.Japanese()))
            .Check(request.Funding is null, "funding", BudgetErrors.FundingNotForAdjustment(kind.Japanese()))
            .Check(request.Account is null, "account", BudgetErrors.AccountNotChangedBy(kind.Japanese()))
            .Required(request.Reason, "reason").MaxLength(request.Reason, 2000, "reason");
        Guid? counterpartId = null;
        if (kind == Domain.BudgetStage.Transfer) counterpartId = v.Id(request.CounterpartLineId, "counterpart_line_id");
        else v.Check(request.CounterpartLineId.Length == 0, "counterpart_line_id", BudgetErrors.CounterpartOnlyForTransferNotCarryover);
        v.Check(counterpartId != id, "counterpart_line_id", BudgetErrors.CounterpartIsItself);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;
        var actor = context.Actor();
        var reason = request.Reason.Trim();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Lock first (both sides, in id order), then read: what is read is what the write changes.
        var nextYear = kind == Domain.BudgetStage.Carryover ? await NextYearLineIdAsync(id, ct) : null;
        await LockAsync([id, .. counterpartId is { } c ? [c] : Array.Empty<Guid>(), .. nextYear is { } n ? [n] : Array.Empty<Guid>()], ct);
        var line = await LineForChangeAsync(id, request.Id, context);
        Concurrency.EnsureVersion(line.Version, request.Version, "budget line");
        var other = kind switch
        {
            Domain.BudgetStage.Transfer => await TransferTargetAsync(line, counterpartId!.Value, request.CounterpartLineId, context),
            Domain.BudgetStage.Carryover when nextYear is { } next => await LineForChangeAsync(next, next.ToString(), context),
            _ => null,
        };

        var now = clock.GetUtcNowForStorage();
        if (kind == Domain.BudgetStage.ReserveFund)
        {
            line.Adjust(kind, amount!, reason, null, actor, now);
            QueueAdjusted(line, kind, amount!, null, reason, actor, now, created: false);
        }
        else
        {
            var created = other is null;
            other ??= NewCarryoverLine(line, actor, now);
            line.Adjust(kind, amount!.Negated(), reason, other.Id, actor, now);
            other.Adjust(kind, amount, reason, line.Id, actor, now);
            QueueAdjusted(line, kind, amount.Negated(), other.Id, reason, actor, now, created: false);
            QueueAdjusted(other, kind, amount, line.Id, reason, actor, now, created);
        }
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction, new ReviseBudgetLineResponse { Line = line.ToMessage() }, ct);
    }

    /// <summary>The line a 流用 moves money to: same municipality (else NOT_FOUND), same year, 会計 and 款, the caller's to change.</summary>
    private async Task<Domain.BudgetLine> TransferTargetAsync(Domain.BudgetLine from, Guid id, string idText, ServerCallContext context)
    {
        var to = await LineForChangeAsync(id, idText, context);
        from.EnsureMayTransferTo(to);
        return to;
    }

    /// <summary>The id of the same item's line of the next fiscal year, if it has one.</summary>
    private async Task<Guid?> NextYearLineIdAsync(Guid lineId, CancellationToken ct)
    {
        var line = await db.BudgetLines.AsNoTracking().Where(l => l.Id == lineId)
            .Select(l => new { l.MunicipalityCode, l.ItemId, l.FiscalYear }).SingleOrDefaultAsync(ct);
        if (line is null) return null; // LineForChangeAsync answers NOT_FOUND
        return await db.BudgetLines.Where(
            l => l.MunicipalityCode == line.MunicipalityCode && l.ItemId == line.ItemId && l.FiscalYear == line.FiscalYear + 1)
            .Select(l => (Guid?)l.Id).SingleOrDefaultAsync(ct);
    }

    /// <summary>A line created by a carry-over: the next year, the same item, department and classification, 当初 at zero.</summary>
    private Domain.BudgetLine NewCarryoverLine(Domain.BudgetLine from, string actor, DateTimeOffset now)
    {
        var line = new Domain.BudgetLine(Guid.CreateVersion7(now), from.MunicipalityCode, from.ItemId, from.ItemTitle, from.DepartmentId,
            from.DepartmentName,
            from.FiscalYear + 1, from.Account, new Domain.StagePoint(Domain.BudgetStage.Initial, 0), Domain.Funding.Zero, actor, now);
        db.BudgetLines.Add(line);
        return line;
    }

    private async Task LockAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var ordered = ids.Order().ToArray();
        await db.Database.ExecuteSqlAsync($"SELECT id FROM budget_lines WHERE id = ANY({ordered}) ORDER BY id FOR UPDATE", ct);
    }

    private void QueueAdjusted(Domain.BudgetLine line, Domain.BudgetStage kind, Domain.Funding change, Guid? counterpart, string reason,
        string actor, DateTimeOffset now, bool created)
    {
        var snapshot = line.Snapshot();
        if (created) db.AddIntegrationEvent(new BudgetLineCreated(Guid.NewGuid(), now, line.MunicipalityCode, snapshot));
        else db.AddIntegrationEvent(new BudgetLineRevised(Guid.NewGuid(), now, line.MunicipalityCode, snapshot));
        db.AddIntegrationEvent(new BudgetLineAdjusted(Guid.NewGuid(), now, line.MunicipalityCode, line.Id, line.ItemId, line.FiscalYear,
            kind.ToString(),
            new FundingAmounts(change.CostYen, change.NationalPrefecturalYen, change.LocalBondYen, change.OtherYen,
                change.GeneralRevenueYen),
            counterpart, reason, actor, line.Revisions.Count));
    }
}
