using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Grpc;

/// <summary>kyodo.plan.v1.PlanService: validates, writes through PlanDbContext, maps back.</summary>
public sealed class PlanGrpcService(PlanDbContext db, TimeProvider clock) : PlanService.PlanServiceBase
{
    public override async Task<CreatePlanResponse> CreatePlan(CreatePlanRequest request, ServerCallContext context)
    {
        PlanRequestValidation.Validate(request);
        var now = clock.GetUtcNowForStorage();
        var plan = new Domain.Plan(Guid.CreateVersion7(now), request.Municipality.Code, request.Name.Trim(),
            request.StartFiscalYear, request.EndFiscalYear, now);

        db.Plans.Add(plan);
        db.AddIntegrationEvent(new PlanCreated(Guid.NewGuid(), now, plan.MunicipalityCode, plan.Id, plan.Name,
            plan.StartFiscalYear, plan.EndFiscalYear));
        await db.SaveChangesAsync(context.CancellationToken);
        return new CreatePlanResponse { Plan = plan.ToMessage() };
    }

    public override async Task<GetPlanResponse> GetPlan(GetPlanRequest request, ServerCallContext context)
    {
        var validation = new RequestValidation();
        var id = validation.Id(request.Id, "id");
        validation.ThrowIfInvalid();

        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("plan", request.Id);
        return new GetPlanResponse { Plan = plan.ToMessage() };
    }

    public override async Task<ListPlansResponse> ListPlans(ListPlansRequest request, ServerCallContext context)
    {
        var validation = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var page = Paging.Read(request.Page, validation);
        validation.ThrowIfInvalid();

        var query = db.Plans.AsNoTracking().Where(p => p.MunicipalityCode == request.MunicipalityCode);
        if (page.After is { } after) query = query.Where(p => p.Id.CompareTo(after) > 0);
        var plans = await query.OrderBy(p => p.Id).Take(page.Size + 1).ToListAsync(context.CancellationToken);

        var response = new ListPlansResponse { Page = Paging.Next(plans, page.Size, p => p.Id) };
        response.Plans.AddRange(plans.Take(page.Size).Select(p => p.ToMessage()));
        return response;
    }
}
