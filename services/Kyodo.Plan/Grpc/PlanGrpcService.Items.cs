using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Grpc;

public sealed partial class PlanGrpcService
{
    public override async Task<CreateItemResponse> CreateItem(CreateItemRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        var planId = v.Id(request.PlanId, "plan_id");
        var (content, departments) = ItemInputs.ReadFields(request.Fields, v, "fields");
        var placements = ReadPlacements(request.Placements, v);
        var schedule = ItemInputs.ReadSchedule(request.Schedule, v, "schedule");
        var indicators = request.Indicators.Select((x, i) => ItemInputs.ReadIndicator(x, v, $"indicators[{i}]")).ToList();
        var ct = context.CancellationToken;
        if (planId == Guid.Empty) v.ThrowIfInvalid();

        // Checks that need the plan join the others, so one answer names every bad field. The plan's
        // row stays share-locked until the commit, so its period cannot shrink under the new years.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan = await PlanLocks.ReadPlanForItemWriteAsync(db, planId, context.Access().MunicipalityScope, ct)
            ?? throw new NotFoundException("plan", request.PlanId);
        var paths = await NodePaths.LoadAsync(db, planId, ct);
        CheckAgainstPlan(plan, paths, placements, schedule, content.YearlyGoals, v);
        v.ThrowIfInvalid();

        var now = clock.GetUtcNowForStorage();
        var item = new Domain.Item(Guid.CreateVersion7(now), plan.Id, plan.MunicipalityCode, now);
        var departmentIds = await db.ResolveDepartmentsAsync(plan.MunicipalityCode, departments, ct);
        // rolls back any department the names created
        context.Access().EnsureMaySetDepartments(departmentIds.ToList(), [], "fields.departments");
        item.Describe(content, departmentIds);
        item.PlaceUnder(placements);
        item.Reschedule(schedule.Rows);
        foreach (var indicator in indicators) indicator.AddTo(item, context.Actor(), now, context.Access().RecordsOfficialActuals());
        db.Items.Add(item);
        // Read once after the departments are resolved (new ones included): the history's snapshot, the
        // event and the answer all describe the item with them and the nodes read above.
        var departmentsById = await db.DepartmentsByIdAsync(plan.MunicipalityCode, ct);
        Journal.Record(item, "created", $"created \"{item.Title}\"", context.Actor(),
            (id, at, snapshot) => new ItemCreated(id, at, item.MunicipalityCode, snapshot), departmentsById, paths);
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction, new CreateItemResponse { Item = item.ToMessage(departmentsById, paths) }, ct);
    }

    public override async Task<GetItemResponse> GetItem(GetItemRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var item = await db.Items.AsNoTracking().Reachable(context.Access(), i => i.MunicipalityCode).WithEverything()
            .SingleOrDefaultAsync(i => i.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("item", request.Id);
        return new GetItemResponse { Item = await ItemMessageAsync(item, context.CancellationToken) };
    }

    public override async Task<UpdateItemResponse> UpdateItem(UpdateItemRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;

        var item = await db.GetItemForChangeAsync(id, context.Access(), ct);
        // The fields the mask leaves out, as stored.
        request = PlanUpdates.Item.Apply(request, (await ItemMessageAsync(item, ct)).AsUpdate());
        var v = new RequestValidation();
        var (content, departments) = ItemInputs.ReadFields(request.Fields, v, "fields");
        var placements = ReadPlacements(request.Placements, v);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan = await PlanLocks.ReadPlanForItemWriteAsync(db, item.PlanId, ct); // yearly goals are checked against its period
        // Read again inside the transaction, as before: the placements are checked against the nodes as they are now.
        var paths = await NodePaths.LoadAsync(db, plan.Id, ct);
        CheckAgainstPlan(plan, paths, placements, new ScheduleDraft([]), content.YearlyGoals, v);
        v.ThrowIfInvalid();
        Concurrency.EnsureVersion(item.Version, request.Version, "item");

        if (item.MovesPrimary(placements))
        {
            item.ClearPrimary();
            await db.SaveChangesAsync(ct); // inside the transaction: only one primary row at any moment
        }
        var departmentIds = await db.ResolveDepartmentsAsync(item.MunicipalityCode, departments, ct);
        context.Access().EnsureMaySetDepartments(departmentIds.ToList(), item.DepartmentIds, "fields.departments");
        item.Describe(content, departmentIds);
        item.PlaceUnder(placements);
        var departmentsById = await db.DepartmentsByIdAsync(item.MunicipalityCode, ct); // with any the names added
        Journal.Record(item, "updated", $"updated \"{item.Title}\"", context.Actor(),
            (eventId, at, snapshot) => new ItemUpdated(eventId, at, item.MunicipalityCode, snapshot), departmentsById, paths);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new UpdateItemResponse { Item = item.ToMessage(departmentsById, paths) };
    }

    public override async Task<DeleteItemResponse> DeleteItem(DeleteItemRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;
        var item = await db.GetItemForChangeAsync(id, context.Access(), ct);
        // Deleting takes the item from every department; the lead (first) department, which owns its
        // budget lines and decides its hand-over, decides that too: an editor of another department may not.
        context.Access().EnsureMayDelete(item.DepartmentIds.Take(1).ToList(), "item");
        Concurrency.EnsureVersion(item.Version, request.Version, "item");
        db.Items.Remove(item);
        Journal.RecordDeletion(item, context.Actor());
        await db.SaveChangesAsync(ct);
        return new DeleteItemResponse();
    }

    public override async Task<SetItemScheduleResponse> SetItemSchedule(SetItemScheduleRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        var id = v.Id(request.ItemId, "item_id");
        var schedule = ItemInputs.ReadSchedule(request.Rows, v, "rows");
        var ct = context.CancellationToken;
        if (id == Guid.Empty) v.ThrowIfInvalid();

        var item = await db.GetItemForChangeAsync(id, context.Access(), ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan = await PlanLocks.ReadPlanForItemWriteAsync(db, item.PlanId, ct);
        CheckScheduleYears(plan, schedule, v, "rows");
        v.ThrowIfInvalid();
        Concurrency.EnsureVersion(item.Version, request.Version, "item");

        item.Reschedule(schedule.Rows);
        var departmentsById = await db.DepartmentsByIdAsync(item.MunicipalityCode, ct);
        var paths = await NodePaths.LoadAsync(db, item.PlanId, ct);
        Journal.Record(item, "schedule_changed", "schedule replaced", context.Actor(),
            (eventId, at, snapshot) => new ItemScheduleChanged(eventId, at, item.MunicipalityCode, item.Id, item.PlanId, snapshot.Revision,
                snapshot.Schedule, snapshot), departmentsById, paths);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SetItemScheduleResponse { Item = item.ToMessage(departmentsById, paths) };
    }

    public override async Task<GetItemHistoryResponse> GetItemHistory(GetItemHistoryRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        if (context.Access().MunicipalityScope is { } scope && await MunicipalityOfHistoryAsync(id, context.CancellationToken) != scope)
            throw new NotFoundException("item", request.Id);
        var changes = await db.ItemChanges.AsNoTracking().Where(c => c.ItemId == id).OrderBy(c => c.Revision)
            .ToListAsync(context.CancellationToken);
        if (changes.Count == 0) throw new NotFoundException("item", request.Id);
        var response = new GetItemHistoryResponse();
        response.Changes.AddRange(changes.Select(c => new ItemChange
        {
            Kind = c.Kind,
            Summary = c.Summary,
            ChangedBy = c.ChangedBy,
            ChangedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(c.ChangedAt),
            SnapshotJson = c.SnapshotJson == "{}" ? "" : c.SnapshotJson,
        }));
        return response;
    }

    /// <summary>
    /// History outlives its item: the municipality is the item's while it exists, else its plan's
    /// (from the last snapshot); null when neither is left, which only a cross-municipality caller may read.
    /// </summary>
    private async Task<string?> MunicipalityOfHistoryAsync(Guid itemId, CancellationToken ct)
    {
        if (await db.Items.Where(i => i.Id == itemId).Select(i => i.MunicipalityCode).SingleOrDefaultAsync(ct) is { } code) return code;
        var snapshot = await db.ItemChanges.Where(c => c.ItemId == itemId && c.SnapshotJson != "{}")
            .OrderByDescending(c => c.Revision).Select(c => c.SnapshotJson).FirstOrDefaultAsync(ct);
        if (snapshot is null) return null;
        using var json = System.Text.Json.JsonDocument.Parse(snapshot);
        if (!json.RootElement.TryGetProperty("planId", out var plan) || !plan.TryGetGuid(out var planId)) return null;
        return await db.Plans.Where(p => p.Id == planId).Select(p => p.MunicipalityCode).SingleOrDefaultAsync(ct);
    }

    private async Task<V1.Item> ItemMessageAsync(Domain.Item item, CancellationToken ct) =>
        item.ToMessage(await db.DepartmentsByIdAsync(item.MunicipalityCode, ct), await NodePaths.LoadAsync(db, item.PlanId, ct));

    private static IReadOnlyList<(Guid NodeId, string Code, bool Primary)> ReadPlacements(IReadOnlyList<PlacementInput> inputs,
        RequestValidation v)
    {
        var placements = inputs.Select((p, i) =>
        {
            v.MaxLength(p.Code, 50, $"placements[{i}].code");
            return (v.Id(p.NodeId, $"placements[{i}].node_id"), p.Code.Trim(), p.Primary);
        }).ToList();
        v.Check(placements.Count > 0, "placements", PlanErrors.PlacementRequired)
            .Check(placements.Count == 0 || placements.Count(p => p.Primary) == 1, "placements", PlanErrors.OnePrimaryPlacementRequired)
            .Check(placements.Where(p => p.Item1 != Guid.Empty).GroupBy(p => p.Item1).All(g => g.Count() == 1), "placements",
                PlanErrors.NodeTwice);
        return placements;
    }

    /// <summary>
    /// Checks what needs the plan: placements under its own nodes, schedule and goal years within
    /// its period. (Indicator years may lie outside it: baselines, and targets years ahead like H34.)
    /// </summary>
    private static void CheckAgainstPlan(Domain.Plan plan, NodePaths paths,
        IReadOnlyList<(Guid NodeId, string Code, bool Primary)> placements,
        ScheduleDraft schedule, IReadOnlyList<Domain.YearlyGoal> goals, RequestValidation v)
    {
        for (var i = 0; i < placements.Count; i++)
            v.Check(placements[i].NodeId == Guid.Empty || paths.Contains(placements[i].NodeId), $"placements[{i}].node_id",
                PlanErrors.NotANodeOfThisPlan);
        CheckScheduleYears(plan, schedule, v, "schedule");
        for (var i = 0; i < goals.Count; i++)
            v.Check(goals[i].FiscalYear == 0 || plan.Covers(goals[i].FiscalYear), $"fields.yearly_goals[{i}].fiscal_year",
                PlanErrors.OutsidePeriod(plan.StartFiscalYear, plan.EndFiscalYear));
    }

    private static void CheckScheduleYears(Domain.Plan plan, ScheduleDraft schedule, RequestValidation v, string path)
    {
        for (var r = 0; r < schedule.Rows.Count; r++)
            for (var c = 0; c < schedule.Rows[r].Cells.Count; c++)
            {
                var year = schedule.Rows[r].Cells[c].FiscalYear;
                v.Check(year == 0 || plan.Covers(year), $"{path}[{r}].cells[{c}].fiscal_year",
                    PlanErrors.OutsidePeriod(plan.StartFiscalYear, plan.EndFiscalYear));
            }
    }
}
