using Grpc.Core;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;
using Kyodo.Subsidy.V1;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Grpc;

public sealed partial class SubsidyGrpcService
{
    public override async Task<RegisterApplicantResponse> RegisterApplicant(RegisterApplicantRequest request, ServerCallContext context)
    {
        new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code")
            .Required(request.Name, "name").MaxLength(request.Name, 200, "name")
            .Required(request.Kind, "kind").MaxLength(request.Kind, 50, "kind")
            .ThrowIfInvalid();
        var ct = context.CancellationToken;
        var name = request.Name.Trim();
        if (await db.Applicants.AnyAsync(a => a.MunicipalityCode == request.MunicipalityCode && a.Name == name, ct))
            throw new AlreadyExistsException(SubsidyErrors.ApplicantExists(name, request.MunicipalityCode));

        var now = clock.GetUtcNowForStorage();
        var applicant = new Domain.Applicant(Guid.CreateVersion7(now), request.MunicipalityCode, name, request.Kind.Trim(), now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Applicants.Add(applicant);
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction, new RegisterApplicantResponse { Applicant = applicant.ToMessage() }, ct);
    }

    public override async Task<GetApplicantResponse> GetApplicant(GetApplicantRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var applicant = await db.Applicants.AsNoTracking().Reachable(context.Access(), a => a.MunicipalityCode)
            .SingleOrDefaultAsync(a => a.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("applicant", request.Id);
        return new GetApplicantResponse { Applicant = applicant.ToMessage() };
    }

    public override async Task<ListApplicantsResponse> ListApplicants(ListApplicantsRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var page = Paging.Read(request.Page, v);
        v.ThrowIfInvalid();
        var query = db.Applicants.AsNoTracking().Where(a => a.MunicipalityCode == request.MunicipalityCode);
        if (page.After is { } after) query = query.Where(a => a.Id.CompareTo(after) > 0);
        var found = await query.OrderBy(a => a.Id).Take(page.Size + 1).ToListAsync(context.CancellationToken);
        var response = new ListApplicantsResponse { Page = Paging.Next(found, page.Size, a => a.Id) };
        response.Applicants.AddRange(found.Take(page.Size).Select(a => a.ToMessage()));
        return response;
    }
}
