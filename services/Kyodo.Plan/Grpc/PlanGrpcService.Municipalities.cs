using Grpc.Core;
using Kyodo.Plan.V1;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Grpc;

public sealed partial class PlanGrpcService
{
    /// <summary>
    /// Every municipality by code: the one list that spans municipalities, for operators' tools
    /// such as the reporting rebuild (a handful of rows per deployment, so no paging).
    /// </summary>
    public override async Task<ListMunicipalitiesResponse> ListMunicipalities(ListMunicipalitiesRequest request, ServerCallContext context)
    {
        var municipalities = await db.Municipalities.AsNoTracking().OrderBy(m => m.Code).ToListAsync(context.CancellationToken);
        var response = new ListMunicipalitiesResponse();
        response.Municipalities.AddRange(municipalities.Select(m => new Common.V1.MunicipalityRef { Code = m.Code, Name = m.Name }));
        return response;
    }
}
