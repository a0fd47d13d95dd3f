using Grpc.Core;
using Kyodo.Budget.Data;
using Kyodo.Budget.Domain;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Grpc;

/// <summary>kyodo.budget.v1.BudgetService: validates, writes through BudgetDbContext, maps back.</summary>
public sealed class BudgetGrpcService(BudgetDbContext db, TimeProvider clock) : BudgetService.BudgetServiceBase
{
    public override async Task<CreateBudgetLineResponse> CreateBudgetLine(CreateBudgetLineRequest request, ServerCallContext context)
    {
        BudgetRequestValidation.Validate(request);
        var now = clock.GetUtcNowForStorage();
        var f = request.Funding;
        var line = new Domain.BudgetLine(Guid.CreateVersion7(now), request.MunicipalityCode, request.ItemId.Trim(), request.FiscalYear,
            new Funding(f.CostYen, f.NationalPrefecturalYen, f.LocalBondYen, f.OtherYen, f.GeneralRevenueYen), now);

        db.BudgetLines.Add(line);
        db.AddIntegrationEvent(new BudgetLineCreated(Guid.NewGuid(), now, line.MunicipalityCode, line.Id, line.ItemId,
            line.FiscalYear, f.CostYen, f.NationalPrefecturalYen, f.LocalBondYen, f.OtherYen, f.GeneralRevenueYen));
        await db.SaveChangesAsync(context.CancellationToken);
        return new CreateBudgetLineResponse { Line = line.ToMessage() };
    }

    public override async Task<GetBudgetLineResponse> GetBudgetLine(GetBudgetLineRequest request, ServerCallContext context)
    {
        var validation = new RequestValidation();
        var id = validation.Id(request.Id, "id");
        validation.ThrowIfInvalid();

        var line = await db.BudgetLines.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("budget line", request.Id);
        return new GetBudgetLineResponse { Line = line.ToMessage() };
    }
}
