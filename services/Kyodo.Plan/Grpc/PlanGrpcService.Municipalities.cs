using Grpc.Core;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Grpc;

public sealed partial class PlanGrpcService
{
    /// <summary>
    /// Every municipality the caller reaches, by code: all of them for a system caller with
    /// kyodo.all-municipalities (operators' tools such as the reporting rebuild), else its own.
    /// A handful of rows per deployment, so no paging.
    /// </summary>
    public override async Task<ListMunicipalitiesResponse> ListMunicipalities(ListMunicipalitiesRequest request, ServerCallContext context)
    {
        var access = context.Access();
        var municipalities = (await db.Municipalities.AsNoTracking().OrderBy(m => m.Code).ToListAsync(context.CancellationToken))
            .Where(m => access.Reaches(m.Code)).ToList();
        var response = new ListMunicipalitiesResponse();
        response.Municipalities.AddRange(municipalities.Select(m => new Common.V1.MunicipalityRef { Code = m.Code, Name = m.Name }));
        return response;
    }
}
