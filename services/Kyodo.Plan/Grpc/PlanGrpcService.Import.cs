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
    /// <summary>
    /// One whole plan in one transaction. Everything is read and checked first, and every
    /// problem of the document is reported at once (with its path, e.g.
    /// "items[4].placements[1].node_path"); only a document without any is written.
    /// </summary>
    public override async Task<ImportPlanResponse> ImportPlan(ImportPlanRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.Municipality?.Code, "municipality.code");
        var (start, end) = ReadPeriod(v, request.Name, request.StartFiscalYear, request.EndFiscalYear);
        var nodes = new List<ImportedNode>();
        ReadNodes(request.Nodes, null, [], "nodes", nodes, v);
        var nodeByPath = nodes.GroupBy(n => PathKey(n.Path)).ToDictionary(g => g.Key, g => g.First());
        var items = request.Items.Select((item, i) => ReadImportItem(item, $"items[{i}]", nodeByPath, start, end, v)).ToList();
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;
        var actor = context.Actor();
        var official = context.Access().RecordsOfficialActuals();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan = await AddPlanAsync(request.Municipality!, request.Name.Trim(), start, end, ct);
        foreach (var node in nodes)
        {
            var entity = new Domain.PlanNode(node.Id, plan.Id, node.ParentId, node.Source.LevelName.Trim(), node.Source.Code.Trim(),
                node.Source.Title.Trim(), node.Position);
            db.Nodes.Add(entity);
            PublishNodeChanged(plan.MunicipalityCode, entity, deleted: false);
        }
        await db.SaveChangesAsync(ct); // the nodes must be readable for the items' references

        var departmentNames = items.SelectMany(i => i.Departments).Distinct().ToList();
        var departmentIds = (await db.ResolveDepartmentsAsync(plan.MunicipalityCode, departmentNames, ct))
            .Zip(departmentNames).ToDictionary(x => x.Second, x => x.First);
        var departments = await db.DepartmentsByIdAsync(plan.MunicipalityCode, ct);
        var paths = await NodePaths.LoadAsync(db, plan.Id, ct);
        var importedAt = clock.GetUtcNowForStorage();
        for (var index = 0; index < items.Count; index++)
        {
            var draft = items[index];
            var now = clock.GetUtcNowForStorage();
            // Ids order items by creation; version-7 ids are random within a millisecond, so
            // give each item its own millisecond to keep the document's order.
            var item = new Domain.Item(Guid.CreateVersion7(importedAt.AddMilliseconds(index)), plan.Id, plan.MunicipalityCode, now);
            item.Describe(draft.Content, draft.Departments.Select(d => departmentIds[d]).ToList());
            item.PlaceUnder(draft.Placements);
            item.Reschedule(draft.Schedule.Rows);
            foreach (var indicator in draft.Indicators) indicator.AddTo(item, actor, now, official);
            db.Items.Add(item);
            Journal.Record(item, "created", $"imported \"{item.Title}\"", actor,
                (eventId, at, snapshot) => new ItemCreated(eventId, at, item.MunicipalityCode, snapshot), departments, paths);
        }
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction,
            new ImportPlanResponse { Plan = plan.ToMessage(), NodeCount = nodes.Count, ItemCount = items.Count }, ct);
    }

    private sealed record ImportedNode(Guid Id, Guid? ParentId, IReadOnlyList<string> Path, int Position, ImportNode Source);

    private sealed record ImportedItem(
        Domain.ItemContent Content,
        IReadOnlyList<string> Departments,
        IReadOnlyList<(Guid NodeId, string Code, bool Primary)> Placements,
        ScheduleDraft Schedule,
        IReadOnlyList<IndicatorDraft> Indicators);

    /// <summary>Flattens the node tree parents-first, giving each node an id and its path of printed codes.</summary>
    private static void ReadNodes(IReadOnlyList<ImportNode> siblings, Guid? parentId, IReadOnlyList<string> parentPath, string path,
        List<ImportedNode> into, RequestValidation v)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < siblings.Count; i++)
        {
            var node = siblings[i];
            var at = $"{path}[{i}]";
            ValidateNode(v, node.LevelName, node.Code, node.Title, 0, at + ".");
            v.Check(seen.Add(node.Code.Trim()), $"{at}.code", PlanErrors.CodePrintedTwice(node.Code));
            var id = Guid.CreateVersion7();
            var nodePath = parentPath.Append(node.Code.Trim()).ToList();
            into.Add(new ImportedNode(id, parentId, nodePath, i + 1, node));
            ReadNodes(node.Children, id, nodePath, $"{at}.children", into, v);
        }
    }

    private static ImportedItem ReadImportItem(ImportItem input, string path, IReadOnlyDictionary<string, ImportedNode> nodeByPath,
        int start, int end, RequestValidation v)
    {
        var (content, departments) = ItemInputs.ReadFields(input.Fields, v, $"{path}.fields");
        var placements = new List<(Guid, string, bool)>();
        for (var p = 0; p < input.Placements.Count; p++)
        {
            var placement = input.Placements[p];
            var found = nodeByPath.TryGetValue(PathKey(placement.NodePath.Select(c => c.Trim())), out var node);
            v.Check(found, $"{path}.placements[{p}].node_path", PlanErrors.NoSuchNodePath(string.Join(" › ", placement.NodePath)));
            v.MaxLength(placement.Code, 50, $"{path}.placements[{p}].code");
            placements.Add((node?.Id ?? Guid.Empty, placement.Code.Trim(), p == 0));
        }
        v.Check(placements.Count > 0, $"{path}.placements", PlanErrors.PlacementRequired);
        v.Check(placements.Where(x => x.Item1 != Guid.Empty).GroupBy(x => x.Item1).All(g => g.Count() == 1), $"{path}.placements",
            PlanErrors.NodeTwice);

        var schedule = ItemInputs.ReadSchedule(input.Schedule, v, $"{path}.schedule");
        for (var r = 0; r < schedule.Rows.Count; r++)
            for (var c = 0; c < schedule.Rows[r].Cells.Count; c++)
                v.Check(schedule.Rows[r].Cells[c].FiscalYear is var y && (y == 0 || (y >= start && y <= end)),
                    $"{path}.schedule[{r}].cells[{c}].fiscal_year", PlanErrors.OutsidePeriod(start, end));
        var indicators = input.Indicators.Select((x, i) => ItemInputs.ReadIndicator(x, v, $"{path}.indicators[{i}]")).ToList();
        return new ImportedItem(content, departments, placements, schedule, indicators);
    }

    private static string PathKey(IEnumerable<string> codes) => string.Join("\u001f", codes);
}
