using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;

namespace Kyodo.Plan.Grpc;

public sealed partial class PlanGrpcService
{
    public override async Task<CreateIndicatorResponse> CreateIndicator(CreateIndicatorRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        var itemId = v.Id(request.ItemId, "item_id");
        var draft = ItemInputs.ReadIndicator(request.Indicator, v, "indicator");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        var item = await db.GetItemForChangeAsync(itemId, context.Access(), ct);
        Concurrency.EnsureVersion(item.Version, request.ItemVersion, "item");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var indicator = draft.AddTo(item, context.Actor(), clock.GetUtcNowForStorage(), context.Access().RecordsOfficialActuals());
        await Journal.RecordAsync(item, "indicator_added", $"indicator \"{indicator.Name}\" added", context.Actor(),
            (eventId, at, snapshot) => new ItemUpdated(eventId, at, item.MunicipalityCode, snapshot), ct);
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction,
            new CreateIndicatorResponse { Indicator = indicator.ToMessage(), ItemVersion = item.Version }, ct);
    }

    /// <summary>
    /// Kept for existing callers. A system caller with kyodo.admin (an import of published figures)
    /// records the official value at once, as before; anyone else now submits it for approval
    /// (EnterActual with submit), and the official value stays until an admin approves.
    /// </summary>
    public override async Task<RecordActualResponse> RecordActual(RecordActualRequest request, ServerCallContext context)
    {
        var (indicatorId, year, value) = ReadActual(request.IndicatorId, request.FiscalYear, request.Value, request.Note);
        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (item, indicator) = await IndicatorForChangeAsync(indicatorId, request.ItemVersion, context);
        if (!context.Access().RecordsOfficialActuals())
        {
            await EnterAsync(item, indicator, year, value, request.Note.Trim(), submit: true, context);
            return await requestIds.CommitAsync(transaction,
                new RecordActualResponse { Indicator = indicator.ToMessage(), ItemVersion = item.Version }, ct);
        }
        var actor = context.Actor();
        indicator.RecordActual(year, value, request.Note.Trim(), actor, clock.GetUtcNowForStorage());
        await Journal.RecordAsync(item, "actual_recorded",
            $"actual FY{year} of \"{indicator.Name}\": {PlanMessages.Text(value)}{indicator.Unit}", actor,
            (eventId, at, snapshot) => new IndicatorActualRecorded(eventId, at, item.MunicipalityCode, item.Id, indicator.Id,
                snapshot.Revision, year, value, indicator.TargetFor(year), indicator.Unit, indicator.Direction.ToString(), actor, snapshot),
                    ct);
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction,
            new RecordActualResponse { Indicator = indicator.ToMessage(), ItemVersion = item.Version }, ct);
    }

    public override async Task<ReviseTargetResponse> ReviseTarget(ReviseTargetRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        var indicatorId = v.Id(request.IndicatorId, "indicator_id");
        var year = v.FiscalYear(request.FiscalYear, "fiscal_year");
        var value = v.Decimal(request.Value, "value");
        v.Required(request.Reason, "reason").MaxLength(request.Reason, 2000, "reason");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        var item = await db.GetItemOfIndicatorForChangeAsync(indicatorId, context.Access(), ct);
        Concurrency.EnsureVersion(item.Version, request.ItemVersion, "item");
        var indicator = item.Indicators.Single(i => i.Id == indicatorId);
        var actor = context.Actor();
        var revision = indicator.ReviseTarget(year, value, request.Reason.Trim(), actor, clock.GetUtcNowForStorage());
        await Journal.RecordAsync(item, "target_revised",
            $"target FY{year} of \"{indicator.Name}\": {PlanMessages.Text(revision.PreviousValue)} → {PlanMessages.Text(value)} "
            + $"({revision.Reason})",
            actor, (eventId, at, snapshot) => new IndicatorTargetRevised(eventId, at, item.MunicipalityCode, item.Id, indicator.Id,
                snapshot.Revision, year, revision.PreviousValue, value, revision.Reason, actor, snapshot), ct);
        await db.SaveChangesAsync(ct);
        return new ReviseTargetResponse { Indicator = indicator.ToMessage(), ItemVersion = item.Version };
    }

    public override async Task<UpdateIndicatorResponse> UpdateIndicator(UpdateIndicatorRequest request, ServerCallContext context)
    {
        var indicatorId = RequestValidation.RequireId(request.IndicatorId, "indicator_id");
        var ct = context.CancellationToken;

        var item = await db.GetItemOfIndicatorForChangeAsync(indicatorId, context.Access(), ct);
        var indicator = item.Indicators.Single(i => i.Id == indicatorId);
        request = PlanUpdates.Indicator.Apply(request, indicator.AsUpdate()); // the fields the mask leaves out, as stored
        var v = new RequestValidation();
        var draft = ItemInputs.ReadIndicator(request.Indicator, v, "indicator");
        v.ThrowIfInvalid();
        Concurrency.EnsureVersion(item.Version, request.ItemVersion, "item");
        indicator.Redefine(draft.Kind, draft.Name, draft.Unit, draft.Direction, draft.BaselineValue, draft.BaselineFiscalYear);
        await Journal.RecordAsync(item, "indicator_updated", $"indicator \"{indicator.Name}\" redefined", context.Actor(),
            (eventId, at, snapshot) => new ItemUpdated(eventId, at, item.MunicipalityCode, snapshot), ct);
        await db.SaveChangesAsync(ct);
        return new UpdateIndicatorResponse { Indicator = indicator.ToMessage(), ItemVersion = item.Version };
    }

    public override async Task<DeleteIndicatorResponse> DeleteIndicator(DeleteIndicatorRequest request, ServerCallContext context)
    {
        var indicatorId = RequestValidation.RequireId(request.IndicatorId, "indicator_id");
        var ct = context.CancellationToken;
        var item = await db.GetItemOfIndicatorForChangeAsync(indicatorId, context.Access(), ct);
        Concurrency.EnsureVersion(item.Version, request.ItemVersion, "item");
        var removed = item.RemoveIndicator(indicatorId);
        await Journal.RecordAsync(item, "indicator_deleted", $"indicator \"{removed.Name}\" deleted", context.Actor(),
            (eventId, at, snapshot) => new ItemUpdated(eventId, at, item.MunicipalityCode, snapshot), ct);
        await db.SaveChangesAsync(ct);
        return new DeleteIndicatorResponse { ItemVersion = item.Version };
    }
}
