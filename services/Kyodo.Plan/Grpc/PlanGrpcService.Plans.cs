using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Grpc;

public sealed partial class PlanGrpcService
{
    public override async Task<CreatePlanResponse> CreatePlan(CreatePlanRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.Municipality?.Code, "municipality.code");
        var (start, end) = ReadPeriod(v, request.Name, request.StartFiscalYear, request.EndFiscalYear);
        v.ThrowIfInvalid();

        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan = await AddPlanAsync(request.Municipality!, request.Name.Trim(), start, end, ct);
        return await requestIds.CommitAsync(transaction, new CreatePlanResponse { Plan = plan.ToMessage() }, ct);
    }

    public override async Task<GetPlanResponse> GetPlan(GetPlanRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var plan = await db.ReachablePlanAsync(id, context.Access().MunicipalityScope, context.CancellationToken)
            ?? throw new NotFoundException("plan", request.Id);
        return new GetPlanResponse { Plan = plan.ToMessage() };
    }

    public override async Task<UpdatePlanResponse> UpdatePlan(UpdatePlanRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;

        // Locked before it is read: item writes share-lock the plan while they check years against its
        // period, so none can commit a cell in a dropped year between the guard's look and this commit.
        // Only the caller's municipality's plan is locked: another city's reads as missing below.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await PlanLocks.LockPlanExclusivelyAsync(db, id, context.Access().MunicipalityScope, ct);
        var plan = await db.Plans.Reachable(context.Access(), p => p.MunicipalityCode).SingleOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException("plan", request.Id);
        request = PlanUpdates.Plan.Apply(request, plan.AsUpdate()); // the fields the mask leaves out, as stored
        var v = new RequestValidation();
        var (start, end) = ReadPeriod(v, request.Name, request.StartFiscalYear, request.EndFiscalYear);
        v.ThrowIfInvalid();
        Concurrency.EnsureVersion(plan.Version, request.Version, "plan");
        await EnsurePlanNameFreeAsync(plan.MunicipalityCode, request.Name.Trim(), plan.Id, ct);
        if (Domain.PlanPeriodChange.DropsYears(plan, start, end))
            Domain.PlanPeriodChange.EnsureNothingStranded(plan, start, end, await db.ItemsOfPlanAsync(plan.Id, ct));
        plan.Change(request.Name.Trim(), start, end);
        db.AddIntegrationEvent(new PlanUpdated(Guid.NewGuid(), clock.GetUtcNowForStorage(), plan.MunicipalityCode, plan.Id, plan.Name,
            plan.StartFiscalYear, plan.EndFiscalYear, plan.Revision));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new UpdatePlanResponse { Plan = plan.ToMessage() };
    }

    public override async Task<DeletePlanResponse> DeletePlan(DeletePlanRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;
        var plan = await db.Plans.Reachable(context.Access(), p => p.MunicipalityCode).SingleOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException("plan", request.Id);
        Concurrency.EnsureVersion(plan.Version, request.Version, "plan");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Through the change tracker, not ExecuteDelete: every item (with its indicators) and node then
        // leaves its own deletion in the audit trail. EF orders the deletes (placements before the nodes
        // they point at, child nodes before their parents).
        db.Items.RemoveRange(await db.Items.WithEverything().Where(i => i.PlanId == id).ToListAsync(ct));
        db.Nodes.RemoveRange(await db.Nodes.Where(n => n.PlanId == id).ToListAsync(ct));
        db.Plans.Remove(plan);
        db.AddIntegrationEvent(
            new PlanDeleted(Guid.NewGuid(), clock.GetUtcNowForStorage(), plan.MunicipalityCode, plan.Id, plan.Revision + 1));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new DeletePlanResponse();
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

    /// <summary>Adds a plan (registering its municipality) and its PlanCreated event; commits unless the caller owns the
    /// transaction.</summary>
    /// <summary>Adds the plan and its event in the caller's open transaction.</summary>
    private async Task<Domain.Plan> AddPlanAsync(Common.V1.MunicipalityRef municipality, string name, int start, int end,
        CancellationToken ct)
    {
        await EnsurePlanNameFreeAsync(municipality.Code, name, null, ct);
        var now = clock.GetUtcNowForStorage();
        var plan = new Domain.Plan(Guid.CreateVersion7(now), municipality.Code, name, start, end, now);
        await db.EnsureMunicipalityAsync(municipality.Code, municipality.Name, ct);
        db.Plans.Add(plan);
        db.AddIntegrationEvent(new PlanCreated(Guid.NewGuid(), now, plan.MunicipalityCode, plan.Id, plan.Name, start, end, plan.Revision));
        await db.SaveChangesAsync(ct);
        return plan;
    }

    private async Task EnsurePlanNameFreeAsync(string municipalityCode, string name, Guid? except, CancellationToken ct)
    {
        if (await db.Plans.AnyAsync(p => p.MunicipalityCode == municipalityCode && p.Name == name && p.Id != except, ct))
            throw new AlreadyExistsException(PlanErrors.PlanExists(municipalityCode, name));
    }

    private static (int Start, int End) ReadPeriod(RequestValidation v, string name, string startText, string endText)
    {
        v.Required(name, "name").MaxLength(name, 200, "name");
        var start = v.FiscalYear(startText, "start_fiscal_year");
        var end = v.FiscalYear(endText, "end_fiscal_year");
        v.Check(start == 0 || end == 0 || end >= start, "end_fiscal_year", PlanErrors.EndBeforeStart(start));
        return (start, end);
    }
}
