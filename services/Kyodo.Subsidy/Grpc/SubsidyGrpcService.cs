using Grpc.Core;
using Kyodo.Contracts.Subsidy;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.Data;
using Kyodo.Subsidy.Domain;
using Kyodo.Subsidy.V1;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Grpc;

/// <summary>kyodo.subsidy.v1.SubsidyService: validates, writes through SubsidyDbContext, maps back.</summary>
public sealed class SubsidyGrpcService(SubsidyDbContext db, TimeProvider clock) : SubsidyService.SubsidyServiceBase
{
    public override async Task<CreateProgramResponse> CreateProgram(CreateProgramRequest request, ServerCallContext context)
    {
        new RequestValidation()
            .ValidMunicipalityCode(request.MunicipalityCode, "municipality_code")
            .Required(request.Name, "name")
            .MaxLength(request.Name, 200, "name")
            .ThrowIfInvalid();

        var name = request.Name.Trim();
        if (await db.Programs.AnyAsync(p => p.MunicipalityCode == request.MunicipalityCode && p.Name == name, context.CancellationToken))
            throw new AlreadyExistsException($"Municipality {request.MunicipalityCode} already has a subsidy program named '{name}'.");

        var now = clock.GetUtcNowForStorage();
        var program = new SubsidyProgram(Guid.CreateVersion7(now), request.MunicipalityCode, name, now);
        db.Programs.Add(program);
        db.AddIntegrationEvent(new SubsidyProgramCreated(Guid.NewGuid(), now, program.MunicipalityCode, program.Id, program.Name));
        await db.SaveChangesAsync(context.CancellationToken);
        return new CreateProgramResponse { Program = program.ToMessage() };
    }

    public override async Task<GetProgramResponse> GetProgram(GetProgramRequest request, ServerCallContext context)
    {
        var validation = new RequestValidation();
        var id = validation.Id(request.Id, "id");
        validation.ThrowIfInvalid();

        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("subsidy program", request.Id);
        return new GetProgramResponse { Program = program.ToMessage() };
    }
}
