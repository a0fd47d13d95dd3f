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
using Evaluation = Kyodo.Plan.Domain.Evaluation;
using EvaluationContent = Kyodo.Plan.Domain.EvaluationContent;
using EvaluationSettings = Kyodo.Plan.Domain.EvaluationSettings;
using PlanNode = Kyodo.Plan.Domain.PlanNode;

namespace Kyodo.Plan.Grpc;

/// <summary>
/// Evaluations (事務事業評価・施策評価・政策評価) of items and nodes per fiscal year: written and
/// submitted by the evaluating department (an editor only for its own departments), approved or
/// returned by an admin who is not among its authors. Every change publishes EvaluationChanged.
/// </summary>
public sealed partial class PlanGrpcService
{
    public override async Task<CreateEvaluationResponse> CreateEvaluation(CreateEvaluationRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        Guid? itemId = request.ItemId.Length > 0 ? v.Id(request.ItemId, "item_id") : null;
        Guid? nodeId = request.NodeId.Length > 0 ? v.Id(request.NodeId, "node_id") : null;
        v.Check((itemId is null) != (nodeId is null), "item_id", PlanErrors.OneEvaluationSubject);
        var year = v.FiscalYear(request.FiscalYear, "fiscal_year");
        Guid? evaluatorId = null;
        if (nodeId is not null) evaluatorId = v.Id(request.EvaluatorDepartmentId, "evaluator_department_id");
        else v.Check(request.EvaluatorDepartmentId.Length == 0, "evaluator_department_id", PlanErrors.EvaluatorOnlyForNode);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;
        var access = context.Access();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Domain.Plan plan;
        if (itemId is { } id)
        {
            var item = await db.GetItemForChangeAsync(id, access, ct);
            evaluatorId = item.DepartmentIds.Count > 0 ? item.DepartmentIds[0] : null;
            plan = await PlanLocks.ReadPlanShareLockedAsync(db, item.PlanId, ct);
        }
        else
        {
            var node = await NodeAsync(nodeId!.Value, access, ct);
            plan = await PlanLocks.ReadPlanShareLockedAsync(db, node.PlanId, ct);
            var department = await db.Departments.AsNoTracking()
                .SingleOrDefaultAsync(d => d.Id == evaluatorId && d.MunicipalityCode == plan.MunicipalityCode, ct);
            v.Check(department is not null, "evaluator_department_id", PlanErrors.NotADepartmentOf(plan.MunicipalityCode));
            access.EnsureMaySetDepartments([evaluatorId!.Value], [], "evaluator_department_id");
        }
        v.Check(plan.Covers(year), "fiscal_year", PlanErrors.OutsidePeriod(plan.StartFiscalYear, plan.EndFiscalYear));
        var settings = await SettingsAsync(plan.MunicipalityCode, ct);
        var content = EvaluationInputs.Apply(EvaluationContent.Empty, request.Content,
            EvaluationInputs.ContentFields.Where(EvaluationInputs.Given(request.Content)).ToHashSet(), settings, v, "content");
        v.ThrowIfInvalid();
        if (await db.Evaluations.AnyAsync(
            e => (itemId != null && e.ItemId == itemId || nodeId != null && e.NodeId == nodeId) && e.FiscalYear == year, ct))
            throw new AlreadyExistsException(PlanErrors.EvaluationExists(ofNode: itemId is null, year));

        var now = clock.GetUtcNowForStorage();
        var evaluation = new Evaluation(Guid.CreateVersion7(now), plan.MunicipalityCode, plan.Id, itemId, nodeId, year, evaluatorId,
            content, context.Actor(), now);
        db.Evaluations.Add(evaluation);
        await PublishEvaluationAsync(evaluation, "created", ct);
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction,
            new CreateEvaluationResponse { Evaluation = await EvaluationMessageAsync(evaluation, beneath: false, ct) }, ct);
    }

    public override async Task<GetEvaluationResponse> GetEvaluation(GetEvaluationRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var evaluation = await db.Evaluations.AsNoTracking().Reachable(context.Access(), e => e.MunicipalityCode)
            .SingleOrDefaultAsync(e => e.Id == id, context.CancellationToken) ?? throw new NotFoundException("evaluation", request.Id);
        return new GetEvaluationResponse
        { Evaluation = await EvaluationMessageAsync(evaluation, beneath: true, context.CancellationToken) };
    }

    public override async Task<ListEvaluationsResponse> ListEvaluations(ListEvaluationsRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        Guid? Optional(string text, string field) => text.Length > 0 ? v.Id(text, field) : null;
        var planId = Optional(request.PlanId, "plan_id");
        var departmentId = Optional(request.DepartmentId, "department_id");
        var itemId = Optional(request.ItemId, "item_id");
        var nodeId = Optional(request.NodeId, "node_id");
        var year = v.OptionalFiscalYear(request.FiscalYear, "fiscal_year");
        v.Check(Enum.IsDefined(request.Status), "status", SharedMessages.NotAValueOf("ReviewStatus"));
        var page = Paging.Read(request.Page, v);
        v.ThrowIfInvalid();

        var found = db.Evaluations.AsNoTracking().Where(e => e.MunicipalityCode == request.MunicipalityCode);
        if (planId is { } plan) found = found.Where(e => e.PlanId == plan);
        if (departmentId is { } department) found = found.Where(e => e.EvaluatorDepartmentId == department);
        if (itemId is { } item) found = found.Where(e => e.ItemId == item);
        if (nodeId is { } node) found = found.Where(e => e.NodeId == node);
        if (year is { } fiscalYear) found = found.Where(e => e.FiscalYear == fiscalYear);
        if (request.Status != V1.ReviewStatus.Unspecified) found = found.Where(e => e.Review.Status == (Domain.ReviewStatus)request.Status);
        if (page.After is { } after) found = found.Where(e => e.Id.CompareTo(after) > 0);
        var evaluations = await found.OrderBy(e => e.Id).Take(page.Size + 1).ToListAsync(context.CancellationToken);

        var response = new ListEvaluationsResponse { Page = Paging.Next(evaluations, page.Size, e => e.Id) };
        foreach (var evaluation in evaluations.Take(page.Size))
            response.Evaluations.Add(await EvaluationMessageAsync(evaluation, beneath: false, context.CancellationToken));
        return response;
    }

    public override async Task<UpdateEvaluationResponse> UpdateEvaluation(UpdateEvaluationRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        var id = v.Id(request.Id, "id");
        var paths = UpdateMasks.Read(request.UpdateMask, EvaluationInputs.ContentFields, EvaluationInputs.Given(request.Content), v);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;
        var evaluation = await EvaluationForChangeAsync(id, request.Id, context, ct);
        var settings = await SettingsAsync(evaluation.MunicipalityCode, ct);
        var content = EvaluationInputs.Apply(evaluation.Content, request.Content, paths, settings, v, "content");
        v.ThrowIfInvalid();
        Concurrency.EnsureVersion(evaluation.Version, request.Version, "evaluation");

        evaluation.Rewrite(content, context.Actor(), clock.GetUtcNowForStorage());
        await PublishEvaluationAsync(evaluation, "updated", ct);
        await db.SaveChangesAsync(ct);
        return new UpdateEvaluationResponse { Evaluation = await EvaluationMessageAsync(evaluation, beneath: false, ct) };
    }

    public override async Task<SubmitEvaluationResponse> SubmitEvaluation(SubmitEvaluationRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var evaluation = await EvaluationForChangeAsync(id, request.Id, context, ct);
        Concurrency.EnsureVersion(evaluation.Version, request.Version, "evaluation");
        evaluation.Submit(context.Actor(), clock.GetUtcNowForStorage());
        await PublishEvaluationAsync(evaluation, "submitted", ct);
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction,
            new SubmitEvaluationResponse { Evaluation = await EvaluationMessageAsync(evaluation, beneath: false, ct) }, ct);
    }

    public override async Task<ApproveEvaluationResponse> ApproveEvaluation(ApproveEvaluationRequest request, ServerCallContext context)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var evaluation = await ReviewEvaluationAsync(request.Id, request.Version, request.Comment, commentRequired: false, "approved",
            (e, by, at, comment) => e.Approve(by, at, comment), context);
        return await requestIds.CommitAsync(transaction, new ApproveEvaluationResponse { Evaluation = evaluation },
            context.CancellationToken);
    }

    public override async Task<ReturnEvaluationResponse> ReturnEvaluation(ReturnEvaluationRequest request, ServerCallContext context)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var evaluation = await ReviewEvaluationAsync(request.Id, request.Version, request.Comment, commentRequired: true, "returned",
            (e, by, at, comment) => e.Return(by, at, comment), context);
        return await requestIds.CommitAsync(transaction, new ReturnEvaluationResponse { Evaluation = evaluation },
            context.CancellationToken);
    }

    public override async Task<DeleteEvaluationResponse> DeleteEvaluation(DeleteEvaluationRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;
        var evaluation = await EvaluationForChangeAsync(id, request.Id, context, ct);
        Concurrency.EnsureVersion(evaluation.Version, request.Version, "evaluation");
        evaluation.EnsureDeletable();
        db.Evaluations.Remove(evaluation);
        await PublishEvaluationAsync(evaluation, "deleted", ct);
        await db.SaveChangesAsync(ct);
        return new DeleteEvaluationResponse();
    }

    private async Task<V1.Evaluation> ReviewEvaluationAsync(string idText, long version, string comment, bool commentRequired,
        string change, Action<Evaluation, string, DateTimeOffset, string> review, ServerCallContext context)
    {
        var v = new RequestValidation();
        var id = v.Id(idText, "id");
        v.MaxLength(comment, 2000, "comment");
        if (commentRequired) v.Required(comment, "comment");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;
        // The access table asks for the admin role; the evaluation's authors are refused by the review itself.
        var evaluation = await db.Evaluations.Reachable(context.Access(), e => e.MunicipalityCode).SingleOrDefaultAsync(e => e.Id == id, ct)
            ?? throw new NotFoundException("evaluation", idText);
        Concurrency.EnsureVersion(evaluation.Version, version, "evaluation");
        review(evaluation, context.Actor(), clock.GetUtcNowForStorage(), comment.Trim());
        await PublishEvaluationAsync(evaluation, change, ct);
        await db.SaveChangesAsync(ct);
        return await EvaluationMessageAsync(evaluation, beneath: false, ct);
    }

    /// <summary>
    /// An evaluation the caller may write, tracked: NOT_FOUND when missing or another municipality's;
    /// PERMISSION_DENIED for an editor who does not work for the item's departments (an item's) or
    /// the evaluating department (a node's). An item's evaluator follows the item's lead now.
    /// </summary>
    private async Task<Evaluation> EvaluationForChangeAsync(Guid id, string idText, ServerCallContext context, CancellationToken ct)
    {
        var access = context.Access();
        var evaluation = await db.Evaluations.Reachable(access, e => e.MunicipalityCode).SingleOrDefaultAsync(e => e.Id == id, ct)
            ?? throw new NotFoundException("evaluation", idText);
        if (evaluation.ItemId is { } itemId)
        {
            var departments = await db.Items.Where(i => i.Id == itemId).Select(i => i.DepartmentIds).SingleAsync(ct);
            access.EnsureOwns(departments, "item");
            evaluation.FollowLead(departments.Count > 0 ? departments[0] : null);
        }
        else
        {
            access.EnsureOwns(evaluation.EvaluatorDepartmentId is { } d ? [d] : [], "node evaluation");
        }
        return evaluation;
    }

    private async Task<PlanNode> NodeAsync(Guid nodeId, CallAccess access, CancellationToken ct)
    {
        var node = await db.Nodes.AsNoTracking().SingleOrDefaultAsync(n => n.Id == nodeId, ct);
        var municipality =
            node is null ? null : await db.Plans.Where(p => p.Id == node.PlanId).Select(p => p.MunicipalityCode).SingleOrDefaultAsync(ct);
        if (node is null || municipality is null || !access.Reaches(municipality)) throw new NotFoundException("node", nodeId.ToString());
        return node;
    }

    private async Task<EvaluationSettings> SettingsAsync(string municipalityCode, CancellationToken ct) =>
        await db.EvaluationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.MunicipalityCode == municipalityCode, ct)
        ?? EvaluationSettings.Defaults(municipalityCode);

    private async Task PublishEvaluationAsync(Evaluation evaluation, string change, CancellationToken ct)
    {
        var evaluator =
            evaluation.EvaluatorDepartmentId is { } d ? await db.Departments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == d, ct) : null;
        var deleted = change == "deleted";
        // A deletion carries a revision above every state the evaluation had, as other deletions do.
        var snapshot = evaluation.Snapshot(evaluator, deleted ? evaluation.Revision + 1 : evaluation.Revision);
        db.AddIntegrationEvent(
            new EvaluationChanged(Guid.NewGuid(), clock.GetUtcNowForStorage(), evaluation.MunicipalityCode, snapshot, change, deleted));
    }
}
