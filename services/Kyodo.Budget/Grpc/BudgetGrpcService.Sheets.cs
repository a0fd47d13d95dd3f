using Grpc.Core;
using Kyodo.Budget.Plans;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Grpc;

public sealed partial class BudgetGrpcService
{
    public override async Task<UpsertItemSheetResponse> UpsertItemSheet(UpsertItemSheetRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var itemId = v.Id(request.ItemId, "item_id");
        var account = BudgetInputs.ReadAccount(request.Account, v, "account") ?? Domain.AccountClassification.None;
        var stage = BudgetInputs.ReadStage(request.Stage, request.SupplementaryNumber, v, "");
        v.Check(request.Years.Count > 0, "years", BudgetErrors.YearsRequired);
        var years = request.Years.Select((year, i) =>
        {
            var each = new RequestValidation();
            var fiscalYear = BudgetInputs.ReadFiscalYear(year.FiscalYear, each, $"years[{i}].fiscal_year");
            var funding = BudgetInputs.ReadSheetYear(year, each, $"years[{i}]");
            v.Merge(each);
            return (FiscalYear: fiscalYear, Funding: funding);
        }).ToList();
        v.Check(years.Select(y => y.FiscalYear).Distinct().Count() == years.Count, "years", SharedMessages.FiscalYearTwice);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        var item = await planItems.GetAsync(itemId, request.MunicipalityCode, ct);
        EnsureMayBudget(item, context);
        var wanted = years.Select(y => y.FiscalYear).ToList();
        var existing = await db.BudgetLines.Include(l => l.Revisions)
            .Where(l => l.MunicipalityCode == request.MunicipalityCode && l.ItemId == itemId && wanted.Contains(l.FiscalYear))
            .ToDictionaryAsync(l => l.FiscalYear, ct);
        // EnsureMayBudget checked the item's current lead; lines stamped before an admin moved the item follow it now.
        foreach (var line in existing.Values) FollowItemLead(line, item, context.Actor());

        var (created, revised, unchanged) = (0, 0, 0);
        var lines = new List<Domain.BudgetLine>();
        foreach (var (year, funding) in years)
        {
            if (!existing.TryGetValue(year, out var line))
            {
                line = NewLine(item, year, account, stage, funding!, context.Actor());
                db.BudgetLines.Add(line);
                db.AddIntegrationEvent(new BudgetLineCreated(Guid.NewGuid(), line.CreatedAt, line.MunicipalityCode, line.Snapshot()));
                created++;
            }
            else if (line.StageAmounts == funding && line.StagePoint == stage && line.Account == account)
            {
                unchanged++;
            }
            else
            {
                Revise(line, stage, funding!, account, context.Actor());
                revised++;
            }
            lines.Add(line);
        }
        await db.SaveChangesAsync(ct);

        var response = new UpsertItemSheetResponse { Created = created, Revised = revised, Unchanged = unchanged };
        response.Lines.AddRange(lines.Select(l => l.ToMessage()));
        return response;
    }
}
