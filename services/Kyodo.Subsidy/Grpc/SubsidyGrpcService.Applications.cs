using Grpc.Core;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Security;
using Kyodo.Subsidy.V1;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Grpc;

public sealed partial class SubsidyGrpcService
{
    public override async Task<ApplicationResponse> SubmitApplication(SubmitApplicationRequest request, ServerCallContext context)
    {
        var v = new RequestValidation();
        var programId = v.Id(request.ProgramId, "program_id");
        var courseId = v.Id(request.CourseId, "course_id");
        var applicantId = v.Id(request.ApplicantId, "applicant_id");
        v.Check(FiscalYears.IsPlausible(request.FiscalYear), "fiscal_year", SharedMessages.PlausibleFiscalYear)
            .Required(request.ProjectTitle, "project_title").MaxLength(request.ProjectTitle, 300, "project_title")
            .Check(request.RequestedYen > 0, "requested_yen", SharedMessages.MoreThanZeroYen)
            .Check(Enum.IsDefined(request.ProjectKind), "project_kind", SharedMessages.NotAValueOf("ProjectKind"))
            .MaxLength(request.Comment, 2000, "comment")
            .ThrowIfInvalid();
        var ct = context.CancellationToken;

        var program = await FindProgramAsync(programId, tracked: false, context);
        await EnsureOwnsProgramAsync(program, context);
        var course = program.Courses.SingleOrDefault(c => c.Id == courseId) ?? throw new NotFoundException("course", request.CourseId);
        var applicant = await db.Applicants.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == applicantId && a.MunicipalityCode == program.MunicipalityCode, ct)
            ?? throw new NotFoundException("applicant", request.ApplicantId);
        course.EnsureAccepts(request.Round, (Domain.ProjectKind)request.ProjectKind);

        var now = clock.GetUtcNowForStorage();
        var application = new Domain.Application(Guid.CreateVersion7(now), program.MunicipalityCode, program.Id, course.Id,
            request.FiscalYear, request.Round,
            applicant.Id, request.ProjectTitle.Trim(), (Domain.ProjectKind)request.ProjectKind, request.RequestedYen, context.Actor(), now,
            request.Comment);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Applications.Add(application);
        db.AddIntegrationEvent(application.LatestStep(program, course, applicant));
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction, new ApplicationResponse { Application = application.ToMessage() }, ct);
    }

    public override Task<ApplicationResponse> StartReview(TransitionRequest request, ServerCallContext context) =>
        StepAsync(request.ApplicationId, request.Comment, context, (a, by, at) => a.StartReview(by, at, request.Comment));

    public override Task<ApplicationResponse> Reject(TransitionRequest request, ServerCallContext context) =>
        StepAsync(request.ApplicationId, request.Comment, context, (a, by, at) => a.Reject(by, at, request.Comment));

    public override Task<ApplicationResponse> Withdraw(TransitionRequest request, ServerCallContext context) =>
        StepAsync(request.ApplicationId, request.Comment, context, (a, by, at) => a.Withdraw(by, at, request.Comment));

    public override Task<ApplicationResponse> ReportResults(TransitionRequest request, ServerCallContext context) =>
        StepAsync(request.ApplicationId, request.Comment, context, (a, by, at) => a.ReportResults(by, at, request.Comment));

    public override async Task<ApplicationResponse> GetApplication(GetApplicationRequest request, ServerCallContext context)
    {
        var id = RequestValidation.RequireId(request.Id, "id");
        var application = await db.Applications.AsNoTracking().Reachable(context.Access(), a => a.MunicipalityCode)
            .SingleOrDefaultAsync(a => a.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("application", request.Id);
        return new ApplicationResponse { Application = application.ToMessage() };
    }

    public override async Task<ListApplicationsResponse> ListApplications(ListApplicationsRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        Guid? programId = string.IsNullOrEmpty(request.ProgramId) ? null : v.Id(request.ProgramId, "program_id");
        Guid? courseId = string.IsNullOrEmpty(request.CourseId) ? null : v.Id(request.CourseId, "course_id");
        Guid? applicantId = string.IsNullOrEmpty(request.ApplicantId) ? null : v.Id(request.ApplicantId, "applicant_id");
        var page = Paging.Read(request.Page, v);
        v.ThrowIfInvalid();

        var query = db.Applications.AsNoTracking().Where(a => a.MunicipalityCode == request.MunicipalityCode);
        if (programId is { } program) query = query.Where(a => a.ProgramId == program);
        if (courseId is { } course) query = query.Where(a => a.CourseId == course);
        if (applicantId is { } applicant) query = query.Where(a => a.ApplicantId == applicant);
        if (request.FiscalYear != 0) query = query.Where(a => a.FiscalYear == request.FiscalYear);
        if (request.Round != 0) query = query.Where(a => a.Round == request.Round);
        if (request.Status != ApplicationStatus.Unspecified) query = query.Where(a => a.Status == (Domain.ApplicationStatus)request.Status);
        if (page.After is { } after) query = query.Where(a => a.Id.CompareTo(after) > 0);
        var found = await query.OrderBy(a => a.Id).Take(page.Size + 1).ToListAsync(context.CancellationToken);

        var response = new ListApplicationsResponse { Page = Paging.Next(found, page.Size, a => a.Id) };
        response.Applications.AddRange(found.Take(page.Size).Select(a => a.ToMessage()));
        return response;
    }

    /// <summary>A step without money: lock the application, apply the step, record its event.</summary>
    private async Task<ApplicationResponse> StepAsync(string applicationId, string comment, ServerCallContext context,
        Action<Domain.Application, string, DateTimeOffset> step)
    {
        ValidateStep(applicationId, comment, out var id);
        var ct = context.CancellationToken;
        await LearnOwnersAsync(id, context);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var application = await LockApplicationAsync(id, context);
        await EnsureNoMoneyStepAsync(application);
        var (program, course, applicant) = await PartiesOfAsync(application, context);
        step(application, context.Actor(), clock.GetUtcNowForStorage());
        db.AddIntegrationEvent(application.LatestStep(program, course, applicant));
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction, new ApplicationResponse { Application = application.ToMessage() }, ct);
    }

    private static void ValidateStep(string applicationId, string comment, out Guid id, Action<RequestValidation>? more = null)
    {
        var v = new RequestValidation();
        id = v.Id(applicationId, "application_id");
        v.MaxLength(comment, 2000, "comment");
        more?.Invoke(v);
        v.ThrowIfInvalid();
    }

    /// <summary>The application, row-locked until commit: two steps on one application queue here.</summary>
    private async Task<Domain.Application> LockApplicationAsync(Guid id, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        // Out of reach answers as missing, before anything is locked.
        if (!await db.Applications.Reachable(context.Access(), a => a.MunicipalityCode).AnyAsync(a => a.Id == id, ct))
            throw new NotFoundException("application", id.ToString());
        var locked =
            await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM applications WHERE id = {id} FOR UPDATE").ToListAsync(ct);
        if (locked.Count == 0) throw new NotFoundException("application", id.ToString());
        return await db.Applications.SingleAsync(a => a.Id == id, ct);
    }

    /// <summary>
    /// Before the transaction that locks the application: learns whose its program's lines are, asking
    /// the budget service about any not seen yet, so the checks under the lock ask nobody.
    /// </summary>
    private async Task LearnOwnersAsync(Guid applicationId, ServerCallContext context)
    {
        if (!context.Access().IsDepartmentLimited) return;
        var ct = context.CancellationToken;
        var programId = await db.Applications.Reachable(context.Access(), a => a.MunicipalityCode).Where(a => a.Id == applicationId)
            .Select(a => (Guid?)a.ProgramId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("application", applicationId.ToString());
        await OwnersOfProgramAsync(await FindProgramAsync(programId, tracked: false, context), mayAsk: true, ct);
    }

    /// <summary>
    /// The application's program, course and applicant; PERMISSION_DENIED for an editor of other departments than
    /// the program's. Called under the application's lock: whose the lines are is known here (LearnOwnersAsync).
    /// </summary>
    private async Task<(Domain.SubsidyProgram Program, Domain.Course Course, Domain.Applicant Applicant)> PartiesOfAsync(
        Domain.Application application, ServerCallContext context)
    {
        var program = await FindProgramAsync(application.ProgramId, tracked: false, context);
        await EnsureOwnsProgramAsync(program, context, mayAsk: false);
        var applicant = await db.Applicants.AsNoTracking().SingleAsync(a => a.Id == application.ApplicantId, context.CancellationToken);
        return (program, program.Courses.Single(c => c.Id == application.CourseId), applicant);
    }
}
