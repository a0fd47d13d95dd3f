using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;

namespace Kyodo.Plan.Grpc;

/// <summary>
/// Approved actuals: an indicator's actual is entered (draft) and submitted by the department,
/// then approved by an admin who neither entered nor submitted it (the value becomes official)
/// or returned with a comment. Each step is an item write: item_version, a history row, an event.
/// </summary>
public sealed partial class PlanGrpcService
{
    public override async Task<EnterActualResponse> EnterActual(EnterActualRequest request, ServerCallContext context)
    {
        var (indicatorId, year, value) = ReadActual(request.IndicatorId, request.FiscalYear, request.Value, request.Note);
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var (item, indicator) = await IndicatorForChangeAsync(indicatorId, request.ItemVersion, context);
        await EnterAsync(item, indicator, year, value, request.Note.Trim(), request.Submit, context);
        return await requestIds.CommitAsync(transaction,
            new EnterActualResponse { Indicator = indicator.ToMessage(), ItemVersion = item.Version }, context.CancellationToken);
    }

    public override async Task<SubmitActualResponse> SubmitActual(SubmitActualRequest request, ServerCallContext context)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var (indicator, itemVersion) = await ReviewAsync(new ActualReview(request.IndicatorId, request.FiscalYear, request.ItemVersion, ""),
            context, commentRequired: false, "submitted", (indicator, year, actor, at) => indicator.SubmitActual(year, actor, at));
        return await requestIds.CommitAsync(transaction, new SubmitActualResponse { Indicator = indicator, ItemVersion = itemVersion },
            context.CancellationToken);
    }

    public override async Task<ApproveActualResponse> ApproveActual(ApproveActualRequest request, ServerCallContext context)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var (indicator, itemVersion) = await ReviewAsync(
            new ActualReview(request.IndicatorId, request.FiscalYear, request.ItemVersion, request.Comment), context,
            commentRequired: false, "approved",
            (indicator, year, actor, at) => indicator.ApproveActual(year, actor, at, request.Comment.Trim()));
        return await requestIds.CommitAsync(transaction, new ApproveActualResponse { Indicator = indicator, ItemVersion = itemVersion },
            context.CancellationToken);
    }

    public override async Task<ReturnActualResponse> ReturnActual(ReturnActualRequest request, ServerCallContext context)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var (indicator, itemVersion) = await ReviewAsync(
            new ActualReview(request.IndicatorId, request.FiscalYear, request.ItemVersion, request.Comment), context,
            commentRequired: true, "returned",
            (indicator, year, actor, at) => indicator.ReturnActual(year, actor, at, request.Comment.Trim()));
        return await requestIds.CommitAsync(transaction, new ReturnActualResponse { Indicator = indicator, ItemVersion = itemVersion },
            context.CancellationToken);
    }

    /// <summary>What the three review steps' requests share.</summary>
    private sealed record ActualReview(string IndicatorId, string FiscalYear, long ItemVersion, string Comment);

    /// <summary>An actual's indicator, fiscal year and value as a request gives them (with its note), or INVALID_ARGUMENT naming each bad
    /// one.</summary>
    private static (Guid IndicatorId, int Year,
        decimal Value) ReadActual(string indicatorIdText, string fiscalYear, string valueText, string note)
    {
        var v = new RequestValidation();
        var indicatorId = v.Id(indicatorIdText, "indicator_id");
        var year = v.FiscalYear(fiscalYear, "fiscal_year");
        var value = v.Decimal(valueText, "value");
        v.MaxLength(note, 2000, "note");
        v.ThrowIfInvalid();
        return (indicatorId, year, value);
    }

    /// <summary>The indicator's item, tracked, as the caller read it (ABORTED on a stale item_version), and the indicator.</summary>
    private async Task<(Domain.Item Item, Domain.Indicator Indicator)> IndicatorForChangeAsync(Guid indicatorId, long itemVersion,
        ServerCallContext context)
    {
        var item = await db.GetItemOfIndicatorForChangeAsync(indicatorId, context.Access(), context.CancellationToken);
        Concurrency.EnsureVersion(item.Version, itemVersion, "item");
        return (item, item.Indicators.Single(i => i.Id == indicatorId));
    }

    /// <summary>Enters (and with <paramref name="submit"/> submits) a value for review and journals it; saves.</summary>
    private async Task EnterAsync(Domain.Item item, Domain.Indicator indicator, int year, decimal value, string note, bool submit,
        ServerCallContext context)
    {
        var actor = context.Actor();
        var now = clock.GetUtcNowForStorage();
        var entry = indicator.EnterActual(year, value, note, actor, now);
        if (submit) indicator.SubmitActual(year, actor, now);
        await JournalEntryAsync(item, indicator, entry, submit ? "submitted" : "entered", actor, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
    }

    private async Task<(Indicator Indicator, long ItemVersion)> ReviewAsync(ActualReview request, ServerCallContext context,
        bool commentRequired, string step, Func<Domain.Indicator, int, string, DateTimeOffset, Domain.ActualEntry> apply)
    {
        var v = new RequestValidation();
        var indicatorId = v.Id(request.IndicatorId, "indicator_id");
        var year = v.FiscalYear(request.FiscalYear, "fiscal_year");
        v.MaxLength(request.Comment, 2000, "comment");
        if (commentRequired) v.Required(request.Comment, "comment");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        // Approving and returning need the admin role (the access table); submitting, the item's department.
        var (item, indicator) = await IndicatorForChangeAsync(indicatorId, request.ItemVersion, context);
        var actor = context.Actor();
        var entry = apply(indicator, year, actor, clock.GetUtcNowForStorage());
        if (entry.Review.Status == Domain.ReviewStatus.Approved)
        {
            var snapshot = await Journal.RecordAsync(item, "actual_approved",
                $"actual FY{year} of \"{indicator.Name}\" approved: {PlanMessages.Text(entry.Value)}{indicator.Unit} (entered by "
                + $"{entry.EnteredBy})",
                actor, (eventId, at, s) => new IndicatorActualRecorded(eventId, at, item.MunicipalityCode, item.Id, indicator.Id,
                    s.Revision, year, entry.Value, indicator.TargetFor(year), indicator.Unit, indicator.Direction.ToString(),
                    entry.EnteredBy, s), ct);
            // The same change seen as a step of the review, for whoever follows reviews rather than values.
            db.AddIntegrationEvent(EntryChanged(Guid.NewGuid(), clock.GetUtcNowForStorage(), item, indicator, entry, actor, snapshot));
        }
        else
        {
            await JournalEntryAsync(item, indicator, entry, step, actor, ct);
        }
        await db.SaveChangesAsync(ct);
        return (indicator.ToMessage(), item.Version);
    }

    private Task JournalEntryAsync(Domain.Item item, Domain.Indicator indicator, Domain.ActualEntry entry, string step, string actor,
        CancellationToken ct) =>
        Journal.RecordAsync(item, $"actual_{step}",
            $"actual FY{entry.FiscalYear} of \"{indicator.Name}\" {step}: {PlanMessages.Text(entry.Value)}{indicator.Unit}"
                + (entry.Review.Status == Domain.ReviewStatus.Returned ? $" ({entry.Review.Comment})" : ""), actor,
            (eventId, at, snapshot) => EntryChanged(eventId, at, item, indicator, entry, actor, snapshot), ct);

    private static IndicatorActualEntryChanged EntryChanged(Guid eventId, DateTimeOffset at, Domain.Item item, Domain.Indicator indicator,
        Domain.ActualEntry entry, string actor, ItemSnapshot snapshot) =>
        new(eventId, at, item.MunicipalityCode, item.Id, indicator.Id, snapshot.Revision, entry.FiscalYear, entry.Value,
            entry.Review.Status.ToString(), actor, entry.Review.Comment, snapshot);
}
