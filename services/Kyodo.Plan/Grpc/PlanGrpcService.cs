using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Grpc;

/// <summary>
/// kyodo.plan.v1.PlanService. One class (the generated base demands it), split by resource
/// into partial files: municipalities and departments here; plans, nodes, items,
/// indicators, priority goals and import in their own files.
/// </summary>
public sealed partial class PlanGrpcService(PlanDbContext db, RequestIds requestIds, TimeProvider clock) : PlanService.PlanServiceBase
{
    private ItemJournal Journal => new(db, clock);

    public override async Task<UpsertMunicipalityResponse> UpsertMunicipality(UpsertMunicipalityRequest request, ServerCallContext context)
    {
        var code = request.Municipality?.Code;
        new RequestValidation()
            .ValidMunicipalityCode(code, "municipality.code")
            .Required(request.Municipality?.Name, "municipality.name")
            .MaxLength(request.Municipality?.Name, 100, "municipality.name")
            .ThrowIfInvalid();
        await db.EnsureMunicipalityAsync(code!, request.Municipality!.Name, context.CancellationToken);
        var stored = await db.Municipalities.AsNoTracking().SingleAsync(m => m.Code == code, context.CancellationToken);
        return new UpsertMunicipalityResponse { Municipality = new Common.V1.MunicipalityRef { Code = stored.Code, Name = stored.Name } };
    }

    public override async Task<CreateDepartmentResponse> CreateDepartment(CreateDepartmentRequest request, ServerCallContext context)
    {
        new RequestValidation()
            .ValidMunicipalityCode(request.MunicipalityCode, "municipality_code")
            .Required(request.Name, "name")
            .MaxLength(request.Name, 100, "name")
            .ThrowIfInvalid();
        var ct = context.CancellationToken;
        var name = request.Name.Trim();
        if (await db.Departments.AnyAsync(d => d.MunicipalityCode == request.MunicipalityCode && d.Name == name, ct))
            throw new AlreadyExistsException(PlanErrors.DepartmentExists(request.MunicipalityCode, name));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.EnsureMunicipalityAsync(request.MunicipalityCode, null, ct);
        var department = new Domain.Department(Guid.CreateVersion7(), request.MunicipalityCode, name);
        db.Departments.Add(department);
        db.AddIntegrationEvent(new DepartmentChanged(Guid.NewGuid(), clock.GetUtcNowForStorage(), department.MunicipalityCode,
            department.Id, name, department.Revision, Deleted: false));
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction, new CreateDepartmentResponse { Department = department.ToMessage() }, ct);
    }

    public override async Task<ListDepartmentsResponse> ListDepartments(ListDepartmentsRequest request, ServerCallContext context)
    {
        new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code").ThrowIfInvalid();
        var departments = await db.Departments.AsNoTracking()
            .Where(d => d.MunicipalityCode == request.MunicipalityCode)
            .OrderBy(d => d.Name)
            .ToListAsync(context.CancellationToken);
        var response = new ListDepartmentsResponse();
        response.Departments.AddRange(departments.Select(d => d.ToMessage()));
        response.Revisions.AddRange(departments.Select(d => new DepartmentRevision { Id = d.Id.ToString(), Revision = d.Revision }));
        return response;
    }

    public override async Task<UpdateDepartmentResponse> UpdateDepartment(UpdateDepartmentRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;
        var department = await db.Departments.Reachable(context.Access(), d => d.MunicipalityCode).SingleOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new NotFoundException("department", request.Id);
        request = PlanUpdates.Department.Apply(request, department.AsUpdate());
        new RequestValidation().Required(request.Name, "name").MaxLength(request.Name, 100, "name").ThrowIfInvalid();
        var name = request.Name.Trim();
        if (await db.Departments.AnyAsync(d => d.MunicipalityCode == department.MunicipalityCode && d.Name == name && d.Id != id, ct))
            throw new AlreadyExistsException(PlanErrors.DepartmentExists(department.MunicipalityCode, name));

        department.Rename(name);
        db.AddIntegrationEvent(new DepartmentChanged(Guid.NewGuid(), clock.GetUtcNowForStorage(), department.MunicipalityCode,
            department.Id, name, department.Revision, Deleted: false));
        await db.SaveChangesAsync(ct);
        return new UpdateDepartmentResponse { Department = department.ToMessage() };
    }

    public override async Task<DeleteDepartmentResponse> DeleteDepartment(DeleteDepartmentRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Locked, so an item write naming it (which share-locks it) cannot slip in between the check and the delete.
        // The municipality is part of the locking query: another city's department is neither waited on nor locked.
        var department = await (context.Access().MunicipalityScope is { } code
                ? db.Departments.FromSql($"SELECT * FROM departments WHERE id = {id} AND municipality_code = {code} FOR UPDATE")
                : db.Departments.FromSql($"SELECT * FROM departments WHERE id = {id} FOR UPDATE"))
            .SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("department", request.Id);
        if (await db.Items.AnyAsync(i => i.DepartmentIds.Contains(id), ct) || await db.PriorityGoals.AnyAsync(g => g.DepartmentId == id, ct)
            || await db.Evaluations.AnyAsync(e => e.EvaluatorDepartmentId == id, ct))
            throw new DomainRuleException("DEPARTMENT_IN_USE", PlanErrors.DepartmentInUse(department.Name));

        db.Departments.Remove(department);
        db.AddIntegrationEvent(new DepartmentChanged(Guid.NewGuid(), clock.GetUtcNowForStorage(), department.MunicipalityCode,
            department.Id, department.Name, department.Revision + 1, Deleted: true));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new DeleteDepartmentResponse();
    }
}
