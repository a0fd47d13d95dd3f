using Grpc.Core;
using Kyodo.Contracts.Subsidy;
using Kyodo.ServiceDefaults;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Kyodo.Subsidy.Budgets;
using Kyodo.Subsidy.Data;
using Kyodo.Subsidy.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kyodo.Subsidy.Grpc;

/// <summary>
/// kyodo.subsidy.v1.SubsidyService. One class (the generated base demands it), split into
/// partial files: programs and courses here; applicants, applications and statistics apart.
/// </summary>
public sealed partial class SubsidyGrpcService(SubsidyDbContext db, IBudgetLines budgetLines, IBudgetReservations budget,
    Money.MoneySteps moneySteps,
    IOptions<Money.MoneyStepOptions> moneyStepOptions, Failpoints failpoints, RequestIds requestIds, TimeProvider clock)
        : SubsidyService.SubsidyServiceBase
{
    public override async Task<CreateProgramResponse> CreateProgram(CreateProgramRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        ValidateProgram(v, request.Name, request.Description);
        var courses = request.Courses.Select((c, i) => ReadCourse(c, v, $"courses[{i}]")).ToList();
        v.Check(courses.Select(c => c.Name).Distinct().Count() == courses.Count, "courses", SubsidyErrors.CourseTwice);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        var name = request.Name.Trim();
        if (await db.Programs.AnyAsync(p => p.MunicipalityCode == request.MunicipalityCode && p.Name == name, ct))
            throw new AlreadyExistsException(SubsidyErrors.ProgramExists(request.MunicipalityCode, name));

        var now = clock.GetUtcNowForStorage();
        var program = new Domain.SubsidyProgram(Guid.CreateVersion7(now), request.MunicipalityCode, name, request.Description, now);
        program.Courses.AddRange(courses.Select(rules => new Domain.Course(Guid.CreateVersion7(now), program.Id, rules)));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Programs.Add(program);
        db.AddIntegrationEvent(new SubsidyProgramCreated(Guid.NewGuid(), now, program.MunicipalityCode, program.Id, program.Name));
        db.AddIntegrationEvent(program.Changed(now));
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction, new CreateProgramResponse { Program = program.ToMessage() }, ct);
    }

    public override async Task<GetProgramResponse> GetProgram(GetProgramRequest request, ServerCallContext context) =>
        new() { Program = (await FindProgramAsync(RequestValidation.RequireId(request.Id, "id"), tracked: false, context)).ToMessage() };

    public override async Task<UpdateProgramResponse> UpdateProgram(UpdateProgramRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;

        var program = await FindProgramForChangeAsync(id, context);
        request = SubsidyUpdates.Program.Apply(request, program.AsUpdate()); // the fields the mask leaves out, as stored
        var v = new RequestValidation();
        ValidateProgram(v, request.Name, request.Description);
        v.ThrowIfInvalid();
        Concurrency.EnsureVersion(program.Version, request.Version, "program");
        var name = request.Name.Trim();
        if (await db.Programs.AnyAsync(p => p.MunicipalityCode == program.MunicipalityCode && p.Name == name && p.Id != id, ct))
            throw new AlreadyExistsException(SubsidyErrors.ProgramExists(program.MunicipalityCode, name));
        program.Describe(name, request.Description);
        db.AddIntegrationEvent(program.Changed(clock.GetUtcNowForStorage()));
        await db.SaveChangesAsync(ct);
        return new UpdateProgramResponse { Program = program.ToMessage() };
    }

    public override async Task<DeleteProgramResponse> DeleteProgram(DeleteProgramRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;
        var program = await FindProgramAsync(id, tracked: true, context);
        // Deleting takes the program from every department it spends for: an editor needs each of them
        // (changing it needs one). A program spending from no department's line is the admin's.
        await EnsureMayDeleteProgramAsync(program, context);
        Concurrency.EnsureVersion(program.Version, request.Version, "program");
        if (await db.Applications.AnyAsync(a => a.ProgramId == id, ct))
            throw new DomainRuleException("PROGRAM_HAS_APPLICATIONS", SubsidyErrors.ProgramHasApplications(program.Name));
        db.Programs.Remove(program);
        db.AddIntegrationEvent(program.Changed(clock.GetUtcNowForStorage(), deleted: true));
        await db.SaveChangesAsync(ct);
        return new DeleteProgramResponse();
    }

    public override async Task<ListProgramsResponse> ListPrograms(ListProgramsRequest request, ServerCallContext context)
    {
        new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code").ThrowIfInvalid();
        var programs = await db.Programs.AsNoTracking().Where(p => p.MunicipalityCode == request.MunicipalityCode)
            .OrderBy(p => p.Name).ToListAsync(context.CancellationToken);
        var response = new ListProgramsResponse();
        response.Programs.AddRange(programs.Select(p => p.ToMessage()));
        return response;
    }

    public override async Task<SetProgramBudgetLineResponse> SetProgramBudgetLine(SetProgramBudgetLineRequest request,
        ServerCallContext context)
    {
        var v = new RequestValidation();
        var programId = v.Id(request.ProgramId, "program_id");
        var lineId = v.Id(request.BudgetLineId, "budget_line_id");
        v.Check(FiscalYears.IsPlausible(request.FiscalYear), "fiscal_year", SharedMessages.PlausibleFiscalYear).ThrowIfInvalid();
        var ct = context.CancellationToken;

        var program = await FindProgramForChangeAsync(programId, context);
        // A line of another municipality answers exactly like a missing one.
        var line = await budgetLines.OwnerAsync(lineId, mayAsk: true, ct);
        if (line.MunicipalityCode != program.MunicipalityCode)
            throw new NotFoundException("budget line", lineId.ToString());
        EnsureLineOfYear(line, request.FiscalYear, "budget_line_id");
        // An editor spends only from its own departments' lines (which would also hand the program to another department).
        context.Access().EnsureMaySetDepartments(line.DepartmentId is { } department ? [department] : [], [], "budget_line_id");
        // Re-pointing a year takes that year's money away from the department of the line it spent from: that department's too.
        // A line that belongs to no department now (its item is gone or names none) is the admin's: re-pointing
        // away from it would otherwise let an editor clear the way to deleting a program that is not all its own.
        if (context.Access().IsDepartmentLimited && program.BudgetLineFor(request.FiscalYear) is { } current && current != lineId)
        {
            var owner = await OwnerOfLinkedLineAsync(current, mayAsk: true, ct);
            if (owner.IsAdmins)
                throw new PermissionDeniedException(SubsidyErrors.RelinkLineOfNoDepartment(request.FiscalYear, current));
            if (owner.DepartmentId is { } lineDepartment && !context.Access().Caller.Departments.Contains(lineDepartment))
                throw new PermissionDeniedException(SubsidyErrors.RelinkLineOfOtherDepartment(request.FiscalYear, lineDepartment));
        }
        program.SpendFrom(request.FiscalYear, lineId);
        db.AddIntegrationEvent(program.Changed(clock.GetUtcNowForStorage()));
        await db.SaveChangesAsync(ct);
        return new SetProgramBudgetLineResponse { Program = program.ToMessage() };
    }

    public override async Task<CreateCourseResponse> CreateCourse(CreateCourseRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        var programId = v.Id(request.ProgramId, "program_id");
        var rules = ReadCourse(request.Course, v, "course");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        var program = await FindProgramForChangeAsync(programId, context);
        if (program.Courses.Any(c => c.Name == rules.Name))
            throw new AlreadyExistsException(SubsidyErrors.CourseExists(program.Name, rules.Name));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var course = new Domain.Course(Guid.CreateVersion7(), program.Id, rules);
        program.Courses.Add(course);
        program.Describe(program.Name, program.Description); // a new revision of the program
        db.AddIntegrationEvent(program.Changed(clock.GetUtcNowForStorage()));
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction, new CreateCourseResponse { Course = course.ToMessage() }, ct);
    }

    public override async Task<UpdateCourseResponse> UpdateCourse(UpdateCourseRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;

        var program = await db.Programs.Reachable(context.Access(), p => p.MunicipalityCode)
            .SingleOrDefaultAsync(p => p.Courses.Any(c => c.Id == id), ct)
            ?? throw new NotFoundException("course", request.Id);
        await EnsureOwnsProgramAsync(program, context);
        var course = program.Courses.Single(c => c.Id == id);
        request = SubsidyUpdates.Course.Apply(request, course.AsUpdate()); // the fields the mask leaves out, as stored
        var v = new RequestValidation();
        // An imported course whose document printed no cap keeps its 0 through changes of its other fields.
        var rules = ReadCourse(request.Course, v, "course", capMayBeUnprinted: course.CapYen == 0);
        v.ThrowIfInvalid();
        Concurrency.EnsureVersion(course.Version, request.Version, "course");
        if (program.Courses.Any(c => c.Name == rules.Name && c.Id != id))
            throw new AlreadyExistsException(SubsidyErrors.CourseExists(program.Name, rules.Name));
        course.Change(rules);
        program.Describe(program.Name, program.Description);
        db.AddIntegrationEvent(program.Changed(clock.GetUtcNowForStorage()));
        await db.SaveChangesAsync(ct);
        return new UpdateCourseResponse { Course = course.ToMessage() };
    }

    public override async Task<DeleteCourseResponse> DeleteCourse(DeleteCourseRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var ct = context.CancellationToken;
        var program = await db.Programs.Reachable(context.Access(), p => p.MunicipalityCode)
            .SingleOrDefaultAsync(p => p.Courses.Any(c => c.Id == id), ct)
            ?? throw new NotFoundException("course", request.Id);
        await EnsureOwnsProgramAsync(program, context);
        var course = program.Courses.Single(c => c.Id == id);
        Concurrency.EnsureVersion(course.Version, request.Version, "course");
        if (await db.Applications.AnyAsync(a => a.CourseId == id, ct))
            throw new DomainRuleException("COURSE_HAS_APPLICATIONS", SubsidyErrors.CourseHasApplications(course.Name));
        program.Courses.Remove(course);
        program.Describe(program.Name, program.Description);
        db.AddIntegrationEvent(program.Changed(clock.GetUtcNowForStorage()));
        await db.SaveChangesAsync(ct);
        return new DeleteCourseResponse();
    }

    /// <summary>A program of the municipality the caller reaches, or NOT_FOUND (the same for another municipality's).</summary>
    private async Task<Domain.SubsidyProgram> FindProgramAsync(Guid id, bool tracked, ServerCallContext context)
    {
        var programs = (tracked ? db.Programs : db.Programs.AsNoTracking()).Reachable(context.Access(), p => p.MunicipalityCode);
        return await programs.SingleOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("subsidy program", id.ToString());
    }

    /// <summary>A program the caller may change (tracked): see <see cref="EnsureOwnsProgramAsync"/>.</summary>
    private async Task<Domain.SubsidyProgram> FindProgramForChangeAsync(Guid id, ServerCallContext context)
    {
        var program = await FindProgramAsync(id, tracked: true, context);
        await EnsureOwnsProgramAsync(program, context);
        return program;
    }

    /// <summary>INVALID_ARGUMENT naming <paramref name="field"/> when a line of one fiscal year is linked as another year's.</summary>
    private static void EnsureLineOfYear(BudgetLineOwner line, int fiscalYear, string field) =>
        new RequestValidation().Check(line.FiscalYear == fiscalYear, field, SubsidyErrors.LineOfOtherYear(line.FiscalYear, fiscalYear))
            .ThrowIfInvalid();

    /// <summary>
    /// Whom a line a program already spends from belongs to now. <see cref="DepartmentId"/>: its item's
    /// current lead. <see cref="IsAdmins"/>: the line is held but belongs to no department (its item is
    /// gone or names none), so only admins may act on it. Neither: the budget service deleted the line,
    /// so the link spends nobody's money and decides nothing.
    /// </summary>
    private readonly record struct LinkedLineOwner(Guid LineId, bool LineHeld, Guid? DepartmentId)
    {
        public bool IsAdmins => LineHeld && DepartmentId is null;
    }

    private async Task<LinkedLineOwner> OwnerOfLinkedLineAsync(Guid lineId, bool mayAsk, CancellationToken ct)
    {
        try { return new LinkedLineOwner(lineId, LineHeld: true, (await budgetLines.OwnerAsync(lineId, mayAsk, ct)).DepartmentId); }
        catch (NotFoundException) { return new LinkedLineOwner(lineId, LineHeld: false, null); }
    }

    /// <summary>
    /// The owners of the lines a program spends from: a program has none of its own, so those of its
    /// budget lines, each its item's lead department NOW as this service knows it (IBudgetLines: its
    /// record of the budget service's lines and the plan service's items; the department stamped on a
    /// line in the budget service lags until the line's next write). With <paramref name="mayAsk"/>, a
    /// line not seen yet is asked of the budget service (not inside a transaction).
    /// </summary>
    private async Task<IReadOnlyList<LinkedLineOwner>> OwnersOfProgramAsync(Domain.SubsidyProgram program, bool mayAsk,
        CancellationToken ct)
    {
        // One after another: they share this call's database context. Each is a local read unless not seen yet.
        var owners = new List<LinkedLineOwner>();
        foreach (var link in program.BudgetLines) owners.Add(await OwnerOfLinkedLineAsync(link.BudgetLineId, mayAsk, ct));
        return owners;
    }

    /// <summary>
    /// An editor deletes a program only when every line it spends from is of one of its departments:
    /// a line that belongs to no department is the admin's, so it refuses like a foreign department's
    /// (skipping it would let an editor of the other lines delete the program on its own).
    /// </summary>
    private async Task EnsureMayDeleteProgramAsync(Domain.SubsidyProgram program, ServerCallContext context)
    {
        var access = context.Access();
        // EnsureMayDelete below lets an admin through by itself; this repeats its check only to spare an
        // admin's call the budget service round trip for every linked line.
        if (!access.IsDepartmentLimited) return;
        var owners = await OwnersOfProgramAsync(program, mayAsk: true, context.CancellationToken);
        if (owners.Where(o => o.IsAdmins).Select(o => (Guid?)o.LineId).FirstOrDefault() is { } adminsLine)
            throw new PermissionDeniedException(SubsidyErrors.DeleteProgramOfNoDepartmentsLine(adminsLine));
        access.EnsureMayDelete(owners.Where(o => o.DepartmentId is not null).Select(o => o.DepartmentId!.Value).Distinct().ToList(),
            "subsidy program");
    }

    /// <summary>
    /// An editor changes a program, its courses and its applications only when the department of one
    /// of the lines it spends from (<see cref="OwnersOfProgramAsync"/>) is its own; a program without
    /// such a line is the admin's. A line of no department adds no owner (changing needs only one).
    /// </summary>
    private async Task EnsureOwnsProgramAsync(Domain.SubsidyProgram program, ServerCallContext context, bool mayAsk = true)
    {
        var access = context.Access();
        if (!access.IsDepartmentLimited) return;
        var owners = await OwnersOfProgramAsync(program, mayAsk, context.CancellationToken);
        access.EnsureOwns(owners.Where(o => o.DepartmentId is not null).Select(o => o.DepartmentId!.Value), "subsidy program");
    }

    private static void ValidateProgram(RequestValidation v, string name, string description) =>
        v.Required(name, "name").MaxLength(name, 200, "name").MaxLength(description, 20_000, "description");

    /// <param name="capMayBeUnprinted">An imported document may print no cap (0); a course people create has one.</param>
    private static Domain.CourseRules ReadCourse(CourseInput? input, RequestValidation v, string path, bool capMayBeUnprinted = false)
    {
        if (input is null)
        {
            v.Check(false, path, SharedMessages.Required);
            return new Domain.CourseRules("", 1, false, 0, true, true, "");
        }
        v.Required(input.Name, $"{path}.name").MaxLength(input.Name, 100, $"{path}.name")
            .Check(input.CapYen > 0 || (capMayBeUnprinted && input.CapYen == 0), $"{path}.cap_yen",
                capMayBeUnprinted ? SubsidyErrors.CapOrUnprinted : SharedMessages.MoreThanZeroYen)
            .Check(input.RoundsPerYear is >= 0 and <= 12, $"{path}.rounds_per_year", SubsidyErrors.RoundsPerYear)
            .Check(input.AcceptsNewProjects || input.AcceptsContinuingProjects, $"{path}.accepts_new_projects",
                SubsidyErrors.NewOrContinuing)
            .MaxLength(input.EligibilityNotes, 20_000, $"{path}.eligibility_notes");
        return new Domain.CourseRules(input.Name.Trim(), input.CapYen, input.OncePerApplicant, input.RoundsPerYear,
            input.AcceptsNewProjects, input.AcceptsContinuingProjects, input.EligibilityNotes);
    }
}
