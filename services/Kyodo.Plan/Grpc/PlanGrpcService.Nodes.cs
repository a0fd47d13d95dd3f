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
    public override async Task<CreateNodeResponse> CreateNode(CreateNodeRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        var planId = v.Id(request.PlanId, "plan_id");
        Guid? parentId = string.IsNullOrEmpty(request.ParentId) ? null : v.Id(request.ParentId, "parent_id");
        ValidateNode(v, request.LevelName, request.Code, request.Title, request.Position);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        // Share-locked as item writes lock it, so a parent being deleted (DeleteNode locks the plan
        // exclusively) is either gone when the nodes are read here or still has this child when it checks.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan = await PlanLocks.ReadPlanShareLockedAsync(db, planId, context.Access().MunicipalityScope, ct)
            ?? throw new NotFoundException("plan", request.PlanId);
        var paths = await NodePaths.LoadAsync(db, planId, ct);
        if (parentId is { } parent && !paths.Contains(parent)) throw new NotFoundException("node", request.ParentId);
        await EnsureCodeFreeAsync(planId, parentId, request.Code.Trim(), null, ct);

        var node = new Domain.PlanNode(Guid.CreateVersion7(), planId, parentId, request.LevelName.Trim(), request.Code.Trim(),
            request.Title.Trim(), request.Position > 0 ? request.Position : paths.NextPosition(parentId));
        db.Nodes.Add(node);
        PublishNodeChanged(plan.MunicipalityCode, node, deleted: false);
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction,
            new CreateNodeResponse { Node = node.ToMessage(await NodePaths.LoadAsync(db, planId, ct)) }, ct);
    }

    public override async Task<UpdateNodeResponse> UpdateNode(UpdateNodeRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;

        var node =
            await ReachableNodes(context).SingleOrDefaultAsync(n => n.Id == id, ct) ?? throw new NotFoundException("node", request.Id);
        request = PlanUpdates.Node.Apply(request, node.AsUpdate()); // the fields the mask leaves out, as stored
        var v = new RequestValidation();
        ValidateNode(v, request.LevelName, request.Code, request.Title, request.Position);
        v.ThrowIfInvalid();
        Concurrency.EnsureVersion(node.Version, request.Version, "node");
        await EnsureCodeFreeAsync(node.PlanId, node.ParentId, request.Code.Trim(), node.Id, ct);
        var recoded = node.Code != request.Code.Trim();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        node.Change(request.LevelName.Trim(), request.Code.Trim(), request.Title.Trim(),
            request.Position > 0 ? request.Position : node.Position);
        var municipality = await MunicipalityOfPlanAsync(node.PlanId, ct);
        PublishNodeChanged(municipality, node, deleted: false);
        await db.SaveChangesAsync(ct);
        if (recoded) await RepublishReferencesAsync(node, municipality, context.Actor(), ct);
        await transaction.CommitAsync(ct);
        return new UpdateNodeResponse { Node = node.ToMessage(await NodePaths.LoadAsync(db, node.PlanId, ct)) };
    }

    public override async Task<DeleteNodeResponse> DeleteNode(DeleteNodeRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;
        var node =
            await ReachableNodes(context).SingleOrDefaultAsync(n => n.Id == id, ct) ?? throw new NotFoundException("node", request.Id);
        Concurrency.EnsureVersion(node.Version, request.Version, "node");

        // The plan's row, locked exclusively before the checks: item and node writes share-lock it
        // before they check their placements and parents, so none can place an item or a child under
        // this node between the checks below and the delete (each waits, then finds the node gone).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await PlanLocks.LockPlanExclusivelyAsync(db, node.PlanId, municipalityScope: null, ct);
        if (await db.Nodes.AnyAsync(n => n.ParentId == id, ct))
            throw new DomainRuleException("NODE_HAS_CHILDREN", PlanErrors.NodeHasChildren(node.Code));
        if (await db.Placements.AnyAsync(p => p.NodeId == id, ct))
            throw new DomainRuleException("NODE_HAS_ITEMS", PlanErrors.NodeHasItems(node.Code));

        db.Nodes.Remove(node);
        PublishNodeChanged(await MunicipalityOfPlanAsync(node.PlanId, ct), node, deleted: true);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new DeleteNodeResponse();
    }

    public override async Task<ListNodesResponse> ListNodes(ListNodesRequest request, ServerCallContext context)
    {
        var planId = RequestValidation.RequireId(request.PlanId, "plan_id");
        var ct = context.CancellationToken;
        if (!await db.Plans.Reachable(context.Access(), p => p.MunicipalityCode).AnyAsync(p => p.Id == planId, ct))
            throw new NotFoundException("plan", request.PlanId);
        var paths = await NodePaths.LoadAsync(db, planId, ct);
        var response = new ListNodesResponse();
        response.Nodes.AddRange(paths.InTreeOrder().Select(n => n.ToMessage(paths)));
        return response;
    }

    /// <summary>
    /// Items print their references (整理番号) from the codes of the nodes above them, and their
    /// snapshots carry those references: a node's new code is a change of every item listed under
    /// it or below it, each with its revision, history row and ItemUpdated, in the node's transaction.
    /// </summary>
    private async Task RepublishReferencesAsync(Domain.PlanNode node, string municipality, string actor, CancellationToken ct)
    {
        var paths = await NodePaths.LoadAsync(db, node.PlanId, ct); // after the save: the new code
        var under = paths.SelfAndDescendants(node.Id);
        var items = await db.Items.WithEverything().Where(i => i.Placements.Any(p => under.Contains(p.NodeId))).ToListAsync(ct);
        if (items.Count == 0) return;
        var departments = await db.DepartmentsByIdAsync(municipality, ct);
        foreach (var item in items)
            Journal.Record(item, "reference_changed",
                $"node code changed to \"{node.Code}\": references "
                + $"{string.Join(", ", item.Placements.Select(p => paths.Reference(p.NodeId, p.Code)))}",
                actor, (eventId, at, snapshot) => new ItemUpdated(eventId, at, item.MunicipalityCode, snapshot), departments, paths);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Nodes of the plans of the municipality the caller reaches (a node has no municipality of its own).</summary>
    private IQueryable<Domain.PlanNode> ReachableNodes(ServerCallContext context)
    {
        var plans = db.Plans.Reachable(context.Access(), p => p.MunicipalityCode);
        return db.Nodes.Where(n => plans.Any(p => p.Id == n.PlanId));
    }

    private async Task EnsureCodeFreeAsync(Guid planId, Guid? parentId, string code, Guid? except, CancellationToken ct)
    {
        if (await db.Nodes.AnyAsync(n => n.PlanId == planId && n.ParentId == parentId && n.Code == code && n.Id != except, ct))
            throw new AlreadyExistsException(PlanErrors.NodeCodeExists(code));
    }

    private void PublishNodeChanged(string municipalityCode, Domain.PlanNode node, bool deleted) =>
        db.AddIntegrationEvent(new PlanNodeChanged(Guid.NewGuid(), clock.GetUtcNowForStorage(), municipalityCode, node.PlanId, node.Id,
            node.ParentId, node.LevelName, node.Code, node.Title, node.Position, deleted ? node.Revision + 1 : node.Revision, deleted));

    private async Task<string> MunicipalityOfPlanAsync(Guid planId, CancellationToken ct) =>
        await db.Plans.Where(p => p.Id == planId).Select(p => p.MunicipalityCode).SingleAsync(ct);

    /// <param name="path">Prefix of the field names, e.g. "nodes[0].children[2]." in an import; empty for a single node.</param>
    private static void ValidateNode(RequestValidation v, string levelName, string code, string title, int position, string path = "") =>
        v.Required(levelName, path + "level_name").MaxLength(levelName, 50, path + "level_name")
            .Required(code, path + "code").MaxLength(code, 50, path + "code")
            .MaxLength(title, 500, path + "title")
            .Check(position >= 0, path + "position", PlanErrors.NotNegativeZeroAppends);
}
