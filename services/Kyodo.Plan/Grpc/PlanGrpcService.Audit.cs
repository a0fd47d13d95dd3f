using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.ServiceDefaults.Audit;

namespace Kyodo.Plan.Grpc;

public sealed partial class PlanGrpcService
{
    /// <summary>Who changed one record, when, from where and what, newest first (the trail every save writes).</summary>
    public override Task<GetAuditTrailResponse> GetAuditTrail(GetAuditTrailRequest request, ServerCallContext context) =>
        AuditTrail.ReadAsync(db, request, context);
}
