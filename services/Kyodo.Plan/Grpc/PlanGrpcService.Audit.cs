using Grpc.Core;
using Kyodo.Audit;
using Kyodo.Common.V1;
using Kyodo.ServiceDefaults.Messaging;

namespace Kyodo.Plan.Grpc;

public sealed partial class PlanGrpcService
{
    /// <summary>Who changed one record, when, from where and what, newest first (the trail every save writes).</summary>
    public override Task<GetAuditTrailResponse> GetAuditTrail(GetAuditTrailRequest request, ServerCallContext context) =>
        AuditTrail.ReadAsync(db, request, context);

    /// <summary>The outbox's events after a sequence, for a consumer checking it holds them all (decision 039).</summary>
    public override Task<ListPublishedEventsResponse> ListPublishedEvents(ListPublishedEventsRequest request, ServerCallContext context) =>
        PublishedEvents.ListAsync(db, request, context);
}
