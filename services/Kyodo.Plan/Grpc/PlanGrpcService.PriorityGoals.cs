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
    public override async Task<CreatePriorityGoalResponse> CreatePriorityGoal(CreatePriorityGoalRequest request, ServerCallContext context)
    {
        var draft = ReadGoal(request.Goal, new RequestValidation(), "goal");
        var ct = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.EnsureMunicipalityAsync(draft.MunicipalityCode, null, ct);
        var departmentId = (await db.ResolveDepartmentsAsync(draft.MunicipalityCode, [draft.Department], ct))[0];
        var goal = new Domain.PriorityGoal(Guid.CreateVersion7(), draft.MunicipalityCode);
        var position =
            draft.Position > 0 ? draft.Position : await NextGoalPositionAsync(draft.MunicipalityCode, departmentId, draft.FiscalYear, ct);
        goal.Change(departmentId, draft.FiscalYear, position, draft.Title, draft.Description, draft.Items);
        db.PriorityGoals.Add(goal);
        var department = await PublishGoalChangedAsync(goal, deleted: false, ct);
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction, new CreatePriorityGoalResponse { Goal = goal.ToMessage(department) }, ct);
    }

    public override async Task<GetPriorityGoalResponse> GetPriorityGoal(GetPriorityGoalRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var goal = await db.PriorityGoals.AsNoTracking().Reachable(context.Access(), g => g.MunicipalityCode)
            .SingleOrDefaultAsync(g => g.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("priority goal", request.Id);
        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == goal.DepartmentId, context.CancellationToken);
        return new GetPriorityGoalResponse { Goal = goal.ToMessage(department) };
    }

    public override async Task<UpdatePriorityGoalResponse> UpdatePriorityGoal(UpdatePriorityGoalRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;

        var goal = await db.PriorityGoals.Reachable(context.Access(), g => g.MunicipalityCode).SingleOrDefaultAsync(g => g.Id == id, ct)
            ?? throw new NotFoundException("priority goal", request.Id);
        var currentDepartment = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == goal.DepartmentId, ct);
        request = PlanUpdates.PriorityGoal.Apply(request, goal.AsUpdate(currentDepartment)); // the fields the mask leaves out, as stored
        var draft = ReadGoal(request.Goal, new RequestValidation(), "goal");
        Concurrency.EnsureVersion(goal.Version, request.Version, "priority goal");
        if (goal.MunicipalityCode != draft.MunicipalityCode)
            throw new RequestValidationException([new FieldViolation("goal.municipality_code", PlanErrors.GoalStaysInMunicipality)]);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var departmentId = (await db.ResolveDepartmentsAsync(draft.MunicipalityCode, [draft.Department], ct))[0];
        goal.Change(departmentId, draft.FiscalYear, draft.Position > 0 ? draft.Position : goal.Position, draft.Title, draft.Description,
            draft.Items);
        var department = await PublishGoalChangedAsync(goal, deleted: false, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new UpdatePriorityGoalResponse { Goal = goal.ToMessage(department) };
    }

    public override async Task<DeletePriorityGoalResponse> DeletePriorityGoal(DeletePriorityGoalRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;
        var goal = await db.PriorityGoals.Reachable(context.Access(), g => g.MunicipalityCode).SingleOrDefaultAsync(g => g.Id == id, ct)
            ?? throw new NotFoundException("priority goal", request.Id);
        Concurrency.EnsureVersion(goal.Version, request.Version, "priority goal");
        db.PriorityGoals.Remove(goal);
        await PublishGoalChangedAsync(goal, deleted: true, ct);
        await db.SaveChangesAsync(ct);
        return new DeletePriorityGoalResponse();
    }

    public override async Task<ListPriorityGoalsResponse> ListPriorityGoals(ListPriorityGoalsRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        Guid? departmentId = string.IsNullOrEmpty(request.DepartmentId) ? null : v.Id(request.DepartmentId, "department_id");
        var year = v.OptionalFiscalYear(request.FiscalYear, "fiscal_year");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        var goals = db.PriorityGoals.AsNoTracking().Where(g => g.MunicipalityCode == request.MunicipalityCode);
        if (departmentId is { } department) goals = goals.Where(g => g.DepartmentId == department);
        if (year is { } fiscalYear) goals = goals.Where(g => g.FiscalYear == fiscalYear);
        var found = await goals.OrderBy(g => g.DepartmentId).ThenBy(g => g.FiscalYear).ThenBy(g => g.Position).ToListAsync(ct);
        var departments = await db.DepartmentsByIdAsync(request.MunicipalityCode, ct);

        var response = new ListPriorityGoalsResponse();
        response.Goals.AddRange(found.Select(g => g.ToMessage(departments[g.DepartmentId])));
        return response;
    }

    private sealed record GoalDraft(string MunicipalityCode, string Department, int FiscalYear, int Position, string Title,
        string Description, IReadOnlyList<(string Number, string Text, string Target, string Achievement)> Items);

    private static GoalDraft ReadGoal(PriorityGoalInput? input, RequestValidation v, string path)
    {
        if (input is null) v.Check(false, path, SharedMessages.Required).ThrowIfInvalid();
        v.ValidMunicipalityCode(input!.MunicipalityCode, $"{path}.municipality_code")
            .Required(input.Department, $"{path}.department").MaxLength(input.Department, 100, $"{path}.department")
            .Required(input.Title, $"{path}.title").MaxLength(input.Title, 2000, $"{path}.title")
            .MaxLength(input.Description, 20_000, $"{path}.description")
            .Check(input.Position >= 0, $"{path}.position", PlanErrors.NotNegativeZeroAppends);
        var year = v.FiscalYear(input.FiscalYear, $"{path}.fiscal_year");
        for (var i = 0; i < input.Items.Count; i++)
        {
            var item = input.Items[i];
            v.Required(item.Text, $"{path}.items[{i}].text").MaxLength(item.Text, 20_000, $"{path}.items[{i}].text")
                .MaxLength(item.Number, 20, $"{path}.items[{i}].number")
                .MaxLength(item.Target, 2000, $"{path}.items[{i}].target")
                .MaxLength(item.Achievement, 20_000, $"{path}.items[{i}].achievement");
        }
        v.ThrowIfInvalid();
        return new GoalDraft(input.MunicipalityCode, input.Department.Trim(), year, input.Position, input.Title.Trim(), input.Description,
            input.Items.Select(i => (i.Number.Trim(), i.Text, i.Target, i.Achievement)).ToList());
    }

    private async Task<int> NextGoalPositionAsync(string municipalityCode, Guid departmentId, int fiscalYear, CancellationToken ct) =>
        await db.PriorityGoals.Where(
            g => g.MunicipalityCode == municipalityCode && g.DepartmentId == departmentId && g.FiscalYear == fiscalYear)
            .Select(g => (int?)g.Position).MaxAsync(ct) is { } last ? last + 1 : 1;

    private async Task<Domain.Department> PublishGoalChangedAsync(Domain.PriorityGoal goal, bool deleted, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == goal.DepartmentId, ct);
        db.AddIntegrationEvent(new PriorityGoalChanged(Guid.NewGuid(), clock.GetUtcNowForStorage(), goal.MunicipalityCode, goal.Id,
            department.Id, department.Name, goal.FiscalYear, goal.Position, goal.Title, goal.Description,
            goal.Items.OrderBy(i => i.Position).Select(i => new PriorityGoalItemSnapshot(i.Number, i.Text, i.Target, i.Achievement))
                .ToList(),
            deleted ? goal.Revision + 1 : goal.Revision, deleted));
        return department;
    }
}
