using Grpc.Core;
using Kyodo.Budget.Data;
using Kyodo.Budget.Domain;
using Kyodo.Budget.Plans;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Grpc;

/// <summary>
/// kyodo.budget.v1.BudgetService. One class (the generated base demands it), split by
/// concern into partial files: lines here; sheets, totals and history, reservations apart.
/// </summary>
public sealed partial class BudgetGrpcService(BudgetDbContext db, IPlanItems planItems, Reservations.ReservationBook reservations,
    Failpoints failpoints, RequestIds requestIds, TimeProvider clock)
    : BudgetService.BudgetServiceBase
{
    public override async Task<CreateBudgetLineResponse> CreateBudgetLine(CreateBudgetLineRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var itemId = v.Id(request.ItemId, "item_id");
        var year = BudgetInputs.ReadFiscalYear(request.FiscalYear, v, "fiscal_year");
        var funding = BudgetInputs.ReadFunding(request.Funding, v, "funding");
        var account = BudgetInputs.ReadAccount(request.Account, v, "account") ?? Domain.AccountClassification.None;
        var stage = BudgetInputs.ReadStage(request.Stage, request.SupplementaryNumber, v, "");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        var item = await planItems.GetAsync(itemId, request.MunicipalityCode, ct);
        EnsureMayBudget(item, context);
        await EnsureNoLineAsync(request.MunicipalityCode, itemId, year, ct);
        var line = NewLine(item, year, account, stage, funding!, context.Actor());
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.BudgetLines.Add(line);
        db.AddIntegrationEvent(new BudgetLineCreated(Guid.NewGuid(), line.CreatedAt, line.MunicipalityCode, line.Snapshot()));
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction, new CreateBudgetLineResponse { Line = line.ToMessage() }, ct);
    }

    public override async Task<GetBudgetLineResponse> GetBudgetLine(GetBudgetLineRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var line = await db.BudgetLines.AsNoTracking().Include(l => l.Revisions).Reachable(context.Access(), l => l.MunicipalityCode)
            .SingleOrDefaultAsync(l => l.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("budget line", request.Id);
        var response = new GetBudgetLineResponse { Line = line.ToMessage() };
        if (request.CurrentLead)
        {
            response.Item = await CurrentItemAsync(line, context.CancellationToken);
            response.Line.Department = response.Item?.Lead;
        }
        return response;
    }

    public override async Task<ReviseBudgetLineResponse> ReviseBudgetLine(ReviseBudgetLineRequest request, ServerCallContext context)
    {
        // 繰越, 流用 and 予備費充用 are steps named by the stage, not fields of the line: they take their
        // amount, reason and other line (controls the update rule never merges) and leave the stage as it was.
        if (((Domain.BudgetStage)request.Stage).IsAdjustment() && request.UpdateMask?.Paths.Contains("stage") != false)
            return await AdjustBudgetLineAsync(request, context);
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;

        var line = await LineForChangeAsync(id, request.Id, context);
        request = BudgetUpdates.Line.Apply(request, line.AsUpdate(request)); // the fields the mask leaves out, as stored
        var v = new RequestValidation();
        var funding = BudgetInputs.ReadFunding(request.Funding, v, "funding");
        var account = BudgetInputs.ReadAccount(request.Account, v, "account");
        var stage = BudgetInputs.ReadStage(request.Stage, request.SupplementaryNumber, v, "");
        v.Check(request.Reason.Length == 0, "reason", BudgetErrors.ReasonOnlyForAdjustments)
            .Check(request.Amount is null, "amount", BudgetErrors.AmountOnlyForAdjustments)
            .Check(request.CounterpartLineId.Length == 0, "counterpart_line_id", BudgetErrors.CounterpartOnlyForTransfer);
        v.ThrowIfInvalid();
        Concurrency.EnsureVersion(line.Version, request.Version, "budget line");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Revise(line, stage, funding!, account, context.Actor());
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction, new ReviseBudgetLineResponse { Line = line.ToMessage() }, ct);
    }

    public override async Task<DeleteBudgetLineResponse> DeleteBudgetLine(DeleteBudgetLineRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;
        var line = await LineForChangeAsync(id, request.Id, context);
        Concurrency.EnsureVersion(line.Version, request.Version, "budget line");
        if (await db.Reservations.AnyAsync(r => r.LineId == id, ct))
            throw new DomainRuleException("LINE_HAS_RESERVATIONS", BudgetErrors.LineHasReservations);

        db.BudgetLines.Remove(line);
        db.AddIntegrationEvent(
            new BudgetLineDeleted(Guid.NewGuid(), clock.GetUtcNowForStorage(), line.MunicipalityCode, line.Id, line.Revisions.Count + 1));
        await db.SaveChangesAsync(ct);
        return new DeleteBudgetLineResponse();
    }

    public override async Task<ListBudgetLinesResponse> ListBudgetLines(ListBudgetLinesRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        Guid? departmentId = string.IsNullOrEmpty(request.DepartmentId) ? null : v.Id(request.DepartmentId, "department_id");
        Guid? itemId = string.IsNullOrEmpty(request.ItemId) ? null : v.Id(request.ItemId, "item_id");
        if (request.FiscalYear != 0) BudgetInputs.ReadFiscalYear(request.FiscalYear, v, "fiscal_year");
        var account = BudgetInputs.ReadAccount(request.Account, v, "account");
        var page = Paging.Read(request.Page, v);
        v.ThrowIfInvalid();

        // revisions: the line's revision is their count
        var lines = db.BudgetLines.AsNoTracking().Include(l => l.Revisions).Where(l => l.MunicipalityCode == request.MunicipalityCode);
        if (departmentId is { } department) lines = lines.Where(l => l.DepartmentId == department);
        if (itemId is { } item) lines = lines.Where(l => l.ItemId == item);
        if (request.FiscalYear != 0) lines = lines.Where(l => l.FiscalYear == request.FiscalYear);
        var stage = (Domain.BudgetStage)request.Stage;
        // An adjustment leaves the stage as it was: asking for one lists the lines that had it.
        if (stage.IsAdjustment()) lines = lines.Where(l => l.Revisions.Any(r => r.Stage == stage));
        else if (request.Stage != V1.BudgetStage.Unspecified) lines = lines.Where(l => l.Stage == stage);
        if (account is not null) lines = lines.MatchingAccount(account);
        if (page.After is { } after) lines = lines.Where(l => l.Id.CompareTo(after) > 0);
        var found = await lines.OrderBy(l => l.Id).Take(page.Size + 1).ToListAsync(context.CancellationToken);

        var response = new ListBudgetLinesResponse { Page = Paging.Next(found, page.Size, l => l.Id) };
        response.Lines.AddRange(found.Take(page.Size).Select(l => l.ToMessage()));
        return response;
    }

    /// <summary>A line the caller may change, with its revisions: NOT_FOUND when missing or another municipality's; PERMISSION_DENIED for
    /// an editor of other departments.</summary>
    private async Task<Domain.BudgetLine> LineForChangeAsync(Guid id, string idText, ServerCallContext context)
    {
        var access = context.Access();
        var ct = context.CancellationToken;
        var line = await db.BudgetLines.Include(l => l.Revisions).Reachable(access, l => l.MunicipalityCode)
            .SingleOrDefaultAsync(l => l.Id == id, ct)
            ?? throw new NotFoundException("budget line", idText);
        await EnsureOwnsLineAsync(line, await ItemForOwnershipAsync(line.ItemId, line.MunicipalityCode, context, ct), context, ct);
        return line;
    }

    /// <summary>A line belongs to its item's lead department: an editor budgets only items its own department leads.</summary>
    private static void EnsureMayBudget(PlanItemInfo item, ServerCallContext context) =>
        context.Access().EnsureMaySetDepartments(item.LeadDepartmentId is { } lead ? [lead] : [], [], "item_id");

    private Domain.BudgetLine NewLine(PlanItemInfo item, int year, Domain.AccountClassification account, Domain.StagePoint stage,
        Domain.Funding funding, string actor)
    {
        var now = clock.GetUtcNowForStorage();
        return new Domain.BudgetLine(Guid.CreateVersion7(now), item.MunicipalityCode, item.ItemId, item.Title, item.LeadDepartmentId,
            item.LeadDepartmentName, year, account, stage, funding, actor, now);
    }

    /// <summary>Applies a revision and queues its event: BudgetLineSettled for 決算, BudgetLineRevised otherwise.</summary>
    private void Revise(Domain.BudgetLine line, Domain.StagePoint stage, Domain.Funding funding, Domain.AccountClassification? account,
        string actor)
    {
        var now = clock.GetUtcNowForStorage();
        line.Revise(stage, funding, account, actor, now);
        QueueRevised(line, now);
    }

    private void QueueRevised(Domain.BudgetLine line, DateTimeOffset now)
    {
        var snapshot = line.Snapshot();
        db.AddIntegrationEvent(line.Stage == Domain.BudgetStage.Settled
            ? new BudgetLineSettled(Guid.NewGuid(), now, line.MunicipalityCode, snapshot)
            : new BudgetLineRevised(Guid.NewGuid(), now, line.MunicipalityCode, snapshot));
    }

    private async Task EnsureNoLineAsync(string municipalityCode, Guid itemId, int year, CancellationToken ct)
    {
        if (await db.BudgetLines.AnyAsync(l => l.MunicipalityCode == municipalityCode && l.ItemId == itemId && l.FiscalYear == year, ct))
            throw new AlreadyExistsException(BudgetErrors.LineExists(itemId, year));
    }
}
