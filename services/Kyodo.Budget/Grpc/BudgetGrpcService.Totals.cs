using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Grpc;

public sealed partial class BudgetGrpcService
{
    public override async Task<GetBudgetTotalsResponse> GetBudgetTotals(GetBudgetTotalsRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code")
            .Check(request.GroupBy != GetBudgetTotalsRequest.Types.GroupBy.Unspecified, "group_by", BudgetErrors.GroupByRequired);
        if (request.FiscalYear != 0) BudgetInputs.ReadFiscalYear(request.FiscalYear, v, "fiscal_year");
        v.ThrowIfInvalid();

        var query = db.BudgetLines.AsNoTracking().Where(l => l.MunicipalityCode == request.MunicipalityCode);
        if (request.FiscalYear != 0) query = query.Where(l => l.FiscalYear == request.FiscalYear);
        // Sums are taken in the database: one row per group, whatever the number of lines.
        var rows = await query
            .GroupBy(l => new
            {
                l.DepartmentId, l.DepartmentName, l.FiscalYear,
                l.Account.AccountNumber, l.Account.AccountName, l.Account.SectionNumber, l.Account.SectionName,
                l.Account.ItemNumber, l.Account.ItemName, l.Account.SubitemNumber, l.Account.SubitemName,
            })
            .Select(g => new
            {
                g.Key,
                Lines = g.Count(),
                Cost = g.Sum(l => l.Funding.CostYen),
                National = g.Sum(l => l.Funding.NationalPrefecturalYen),
                Bond = g.Sum(l => l.Funding.LocalBondYen),
                Other = g.Sum(l => l.Funding.OtherYen),
                General = g.Sum(l => l.Funding.GeneralRevenueYen),
            })
            .ToListAsync(context.CancellationToken);

        var grouped = rows.GroupBy(r => request.GroupBy switch
        {
            GetBudgetTotalsRequest.Types.GroupBy.Department => (Key: r.Key.DepartmentName, Id: r.Key.DepartmentId?.ToString() ?? ""),
            GetBudgetTotalsRequest.Types.GroupBy.FiscalYear => (Key: r.Key.FiscalYear.ToString(), Id: r.Key.FiscalYear.ToString()),
            _ => (Key: new Domain.AccountClassification(r.Key.AccountNumber, r.Key.AccountName, r.Key.SectionNumber, r.Key.SectionName,
                r.Key.ItemNumber, r.Key.ItemName, r.Key.SubitemNumber, r.Key.SubitemName).Path, Id: ""),
        });

        var response = new GetBudgetTotalsResponse { GrandTotal = new FundingBreakdown() };
        foreach (var group in grouped.OrderBy(g => g.Key.Key, StringComparer.Ordinal))
        {
            var total = new FundingBreakdown
            {
                CostYen = group.Sum(r => r.Cost),
                NationalPrefecturalYen = group.Sum(r => r.National),
                LocalBondYen = group.Sum(r => r.Bond),
                OtherYen = group.Sum(r => r.Other),
                GeneralRevenueYen = group.Sum(r => r.General),
            };
            response.Totals.Add(
                new BudgetTotal { Key = group.Key.Key, KeyId = group.Key.Id, Funding = total, LineCount = group.Sum(r => r.Lines) });
            response.GrandTotal = response.GrandTotal.Plus(total);
        }
        return response;
    }

    public override async Task<GetBudgetLineHistoryResponse> GetBudgetLineHistory(GetBudgetLineHistoryRequest request,
        ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        if (!await db.BudgetLines.Reachable(context.Access(), l => l.MunicipalityCode).AnyAsync(l => l.Id == id, context.CancellationToken))
            throw new NotFoundException("budget line", request.Id);
        var revisions =
            await db.Revisions.AsNoTracking().Where(r => r.LineId == id).OrderBy(r => r.Sequence).ToListAsync(context.CancellationToken);
        if (revisions.Count == 0) throw new NotFoundException("budget line", request.Id);

        var response = new GetBudgetLineHistoryResponse();
        FundingBreakdown? previous = null;
        foreach (var revision in revisions)
        {
            var funding = revision.Funding.ToMessage();
            response.Revisions.Add(new BudgetRevision
            {
                Stage = (V1.BudgetStage)revision.Stage,
                SupplementaryNumber = revision.SupplementaryNumber,
                Funding = funding,
                Difference = previous is null ? new FundingBreakdown() : funding.Minus(previous),
                RevisedBy = revision.RevisedBy,
                RevisedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(revision.RevisedAt),
                Reason = revision.Reason,
                CounterpartLineId = revision.CounterpartLineId?.ToString() ?? "",
            });
            previous = funding;
        }
        return response;
    }
}
