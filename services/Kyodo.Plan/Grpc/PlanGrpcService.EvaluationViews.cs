using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;
using Evaluation = Kyodo.Plan.Domain.Evaluation;
using EvaluationContent = Kyodo.Plan.Domain.EvaluationContent;
using EvaluationSettings = Kyodo.Plan.Domain.EvaluationSettings;
using PlanNode = Kyodo.Plan.Domain.PlanNode;

namespace Kyodo.Plan.Grpc;

/// <summary>The evaluation settings, and evaluations as read: a node's with what lies beneath it.</summary>
public sealed partial class PlanGrpcService
{
    public override async Task<GetEvaluationSettingsResponse> GetEvaluationSettings(GetEvaluationSettingsRequest request,
        ServerCallContext context)
    {
        new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code").ThrowIfInvalid();
        return new GetEvaluationSettingsResponse
        { Settings = (await SettingsAsync(request.MunicipalityCode, context.CancellationToken)).ToMessage() };
    }

    public override async Task<UpdateEvaluationSettingsResponse> UpdateEvaluationSettings(UpdateEvaluationSettingsRequest request,
        ServerCallContext context)
    {
        var input = request.Settings ?? new V1.EvaluationSettings();
        var v = new RequestValidation().ValidMunicipalityCode(input.MunicipalityCode, "settings.municipality_code");
        var paths = UpdateMasks.Read(request.UpdateMask, ["rating_scale", "directions"],
            p => p == "rating_scale" ? input.RatingScale.Count > 0 : input.Directions.Count > 0, v);
        var scale = paths.Contains("rating_scale") ? EvaluationInputs.Words(input.RatingScale, 20, v, "settings.rating_scale") : null;
        var directions = paths.Contains("directions") ? EvaluationInputs.Words(input.Directions, 50, v, "settings.directions") : null;
        v.Check(paths.Count > 0, "update_mask", PlanErrors.NothingToChangeInSettings);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.EnsureMunicipalityAsync(input.MunicipalityCode, null, ct);
        var settings = await db.EvaluationSettings.FromSql(
            $"SELECT * FROM evaluation_settings WHERE municipality_code = {input.MunicipalityCode} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        Concurrency.EnsureVersion(settings?.Version ?? 0, input.Version, "evaluation settings");
        if (settings is null) db.EvaluationSettings.Add(settings = EvaluationSettings.Defaults(input.MunicipalityCode));
        settings.Change(scale, directions);
        db.AddIntegrationEvent(new EvaluationSettingsChanged(Guid.NewGuid(), clock.GetUtcNowForStorage(), settings.MunicipalityCode,
            settings.RatingScale, settings.Directions, settings.Revision));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new UpdateEvaluationSettingsResponse { Settings = settings.ToMessage() };
    }

    /// <summary>The evaluation as answered; with <paramref name="beneath"/>, a node's items' and child nodes' evaluations of the
    /// year.</summary>
    private async Task<V1.Evaluation> EvaluationMessageAsync(Evaluation evaluation, bool beneath, CancellationToken ct)
    {
        var evaluator =
            evaluation.EvaluatorDepartmentId is { } d ? await db.Departments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == d, ct) : null;
        if (evaluation.ItemId is { } itemId)
        {
            var title = await db.Items.Where(i => i.Id == itemId).Select(i => i.Title).SingleOrDefaultAsync(ct) ?? "";
            return evaluation.ToMessage(title, evaluator);
        }
        var paths = await NodePaths.LoadAsync(db, evaluation.PlanId, ct);
        var node = paths.Find(evaluation.NodeId!.Value)!;
        var message = evaluation.ToMessage(EvaluationMessages.Title(node), evaluator);
        if (beneath) await AddBeneathAsync(message, node, paths, evaluation.FiscalYear, ct);
        return message;
    }

    /// <summary>Every item listed under the node or below it (each once, in tree order) and each child node, with their evaluations of the
    /// year.</summary>
    private async Task AddBeneathAsync(V1.Evaluation message, PlanNode node, NodePaths paths, int fiscalYear, CancellationToken ct)
    {
        var order = paths.InTreeOrder().Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var below = paths.SelfAndDescendants(node.Id).ToList();
        var placements = await db.Placements.AsNoTracking().Where(p => below.Contains(p.NodeId)).ToListAsync(ct);
        var items = placements.GroupBy(p => p.ItemId)
            .Select(g => g.OrderBy(p => order[p.NodeId]).ThenBy(p => p.Code, StringComparer.Ordinal).First())
            .OrderBy(p => order[p.NodeId]).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
        var itemIds = items.Select(p => p.ItemId).ToList();
        var titles = await db.Items.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, ct);
        var children = paths.InTreeOrder().Where(n => n.ParentId == node.Id).ToList();
        var childIds = children.Select(c => c.Id).ToList();
        var evaluations = await db.Evaluations.AsNoTracking()
            .Where(e => e.FiscalYear == fiscalYear && (itemIds.Contains(e.ItemId!.Value) || childIds.Contains(e.NodeId!.Value)))
            .ToListAsync(ct);
        message.ItemsBeneath.AddRange(items.Select(p => EvaluationMessages.Line(evaluations.FirstOrDefault(e => e.ItemId == p.ItemId),
            p.ItemId, null, titles.GetValueOrDefault(p.ItemId, ""), paths.Reference(p.NodeId, p.Code))));
        message.NodesBeneath.AddRange(children.Select(c => EvaluationMessages.Line(evaluations.FirstOrDefault(e => e.NodeId == c.Id), null,
            c.Id, EvaluationMessages.Title(c), string.Join("-", paths.CodesTo(c.Id)))));
    }
}
