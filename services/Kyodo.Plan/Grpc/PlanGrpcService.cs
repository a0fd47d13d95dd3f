using Grpc.Core;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Grpc;

/// <summary>
/// kyodo.plan.v1.PlanService. One class (the generated base demands it), split by resource
/// into partial files: municipalities and departments here; plans, nodes, items,
/// indicators, priority goals and import in their own files.
/// </summary>
public sealed partial class PlanGrpcService(PlanDbContext db, TimeProvider clock) : PlanService.PlanServiceBase
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
            throw new AlreadyExistsException($"Municipality {request.MunicipalityCode} already has a department named '{name}'.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.EnsureMunicipalityAsync(request.MunicipalityCode, null, ct);
        var department = new Domain.Department(Guid.CreateVersion7(), request.MunicipalityCode, name);
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new CreateDepartmentResponse { Department = department.ToMessage() };
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
        return response;
    }
}
