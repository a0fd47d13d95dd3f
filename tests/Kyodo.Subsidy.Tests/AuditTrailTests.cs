using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Audit;
using Kyodo.Common.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using GrantProgram = Kyodo.Subsidy.V1.Program;

namespace Kyodo.Subsidy.Tests;

/// <summary>Subsidy writes leave who, when, where and what in the audit trail, and rejected ones leave nothing.</summary>
public sealed class AuditTrailTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    // 上田市 (seed 002).
    private const string Ueda = "20203";

    private SubsidyService.SubsidyServiceClient SubsidiesAs(string actor, string forwardedFor = "192.0.2.10") =>
        new(system.Subsidy.Channel.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + TestAuth.SystemTokenAs(actor));
            metadata.Add("x-forwarded-for", forwardedFor);
            return metadata;
        }));

    private async Task<IReadOnlyList<AuditEntry>> TrailAsync(string recordType, string id) =>
        (await system.Subsidies.GetAuditTrailAsync(
            new GetAuditTrailRequest { MunicipalityCode = Ueda, RecordType = recordType, RecordId = id })).Entries;

    private static AuditChange Change(AuditEntry entry, string field, string? entity = null) =>
        Assert.Single(entry.Changes, c => c.Field == field && c.Entity == (entity ?? entry.RecordType));

    private async Task<int> StoredAuditRowsAsync()
    {
        await using var db = system.OpenDatabase();
        return await db.Set<AuditRecord>().CountAsync();
    }

    private async Task<(GrantProgram Program, Applicant Group)> UedaProgramAsync()
    {
        // わがまち魅力アップ応援事業: 一般 course, up to ¥1,000,000, three rounds a year.
        var program = (await SubsidiesAs("ueda-shimin").CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = Ueda,
            Name = $"わがまち魅力アップ応援事業 {Guid.NewGuid():N}",
            Courses = { new CourseInput { Name = "一般", CapYen = 1_000_000, RoundsPerYear = 3, AcceptsNewProjects = true,
                AcceptsContinuingProjects = true } },
        })).Program;
        var group = (await SubsidiesAs("ueda-shimin").RegisterApplicantAsync(new RegisterApplicantRequest
        {
            MunicipalityCode = Ueda, Name = $"塩田地域協議会 {Guid.NewGuid():N}", Kind = "住民自治組織",
        })).Applicant;
        return (program, group);
    }

    private static SubmitApplicationRequest Application(GrantProgram program, Applicant group, int round = 1) => new()
    {
        ProgramId = program.Id, CourseId = program.Courses[0].Id, FiscalYear = 2017, Round = round, ApplicantId = group.Id,
        ProjectTitle = "地域の魅力発信", ProjectKind = ProjectKind.Continuing, RequestedYen = 400_000,
    };

    [Fact]
    public async Task AnApplicationsStepsAreAuditedWithWhoAndTheStatusBeforeAndAfter()
    {
        var (program, group) = await UedaProgramAsync();

        var submitted =
            (await SubsidiesAs("shioda-kyogikai", "203.0.113.50").SubmitApplicationAsync(Application(program, group))).Application;
        await SubsidiesAs("ueda-shinsa", "198.51.100.9")
            .StartReviewAsync(new TransitionRequest { ApplicationId = submitted.Id, Comment = "書類確認" });

        var trail = await TrailAsync("application", submitted.Id);

        Assert.Equal(["updated", "created"], trail.Select(e => e.Action));
        Assert.Equal(("ueda-shinsa", "198.51.100.9"), (trail[0].Actor.Subject, trail[0].Actor.Address));
        Assert.Equal(("shioda-kyogikai", "203.0.113.50"), (trail[1].Actor.Subject, trail[1].Actor.Address));
        Assert.Equal(("\"submitted\"", "\"under_review\""), (Change(trail[0], "status").Before, Change(trail[0], "status").After));
        // The step itself (who, comment) is a part of the application: it was added, so it has no before.
        Assert.Equal(("", "\"書類確認\""),
            (Change(trail[0], "comment", "application_transition").Before, Change(trail[0], "comment", "application_transition").After));
        Assert.Equal("\"ueda-shinsa\"", Change(trail[0], "by", "application_transition").After);
        Assert.Equal(("400000", "\"地域の魅力発信\""), (Change(trail[1], "requested_yen").After, Change(trail[1], "project_title").After));
    }

    [Fact]
    public async Task ACourseHasNoMunicipalityOfItsOwnAndIsFoundUnderItsPrograms()
    {
        var (program, _) = await UedaProgramAsync();
        var course = program.Courses[0];

        await SubsidiesAs("ueda-shimin").UpdateCourseAsync(new UpdateCourseRequest
        {
            Id = course.Id, Version = course.Version,
            Course = new CourseInput
            {
                Name = "一般", CapYen = 800_000, RoundsPerYear = 3, AcceptsNewProjects = true,
                AcceptsContinuingProjects = true
            },
        });

        var trail = await TrailAsync("course", course.Id);
        Assert.Equal(["updated", "created"], trail.Select(e => e.Action));
        Assert.Equal(("1000000", "800000"), (Change(trail[0], "cap_yen").Before, Change(trail[0], "cap_yen").After));
        Assert.DoesNotContain(trail[0].Changes, c => c.Field is "name" or "rounds_per_year");
        // The program's revision moves with its courses (its events carry them): that is all that changed in it.
        var programTrail = await TrailAsync("program", program.Id);
        Assert.Equal(["updated", "created"], programTrail.Select(e => e.Action));
        Assert.Equal(["revision"], programTrail[0].Changes.Select(c => c.Field));
        await RpcAssert.FailsWith(StatusCode.NotFound, () => system.Subsidies.GetAuditTrailAsync(new GetAuditTrailRequest
        {
            MunicipalityCode = "20208", RecordType = "course", RecordId = course.Id,
        }).ResponseAsync);
    }

    [Fact]
    public async Task RejectedWritesLeaveNoAuditRow()
    {
        var (program, group) = await UedaProgramAsync();
        var application = (await system.Subsidies.SubmitApplicationAsync(Application(program, group))).Application;
        var before = await StoredAuditRowsAsync();

        // A fourth round of a three-round course; results reported before any award; a second course of the same name.
        await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => system.Subsidies.SubmitApplicationAsync(Application(program, group, round: 4)).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Subsidies.ReportResultsAsync(
            new TransitionRequest { ApplicationId = application.Id, Comment = "実績報告" }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => system.Subsidies.CreateCourseAsync(new CreateCourseRequest
        {
            ProgramId = program.Id, Course = new CourseInput { Name = "一般", CapYen = 1, AcceptsNewProjects = true },
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Aborted, () => system.Subsidies.UpdateProgramAsync(new UpdateProgramRequest
        {
            Id = program.Id, Version = program.Version + 1, Name = program.Name + " 改",
        }).ResponseAsync);

        Assert.Equal(before, await StoredAuditRowsAsync());
        await RpcAssert.FailsWith(StatusCode.NotFound, () => system.Subsidies.GetAuditTrailAsync(new GetAuditTrailRequest
        {
            MunicipalityCode = Ueda, RecordType = "application", RecordId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
    }

    [Fact]
    public void EveryAuditedRecordTypeBelongsToAMunicipality()
    {
        using var db = system.OpenDatabase();
        Assert.Equal(["applicant", "application", "course", "program"], AuditTrail.RecordTypes(db.Model).Order(StringComparer.Ordinal));
        Assert.Empty(AuditTrail.RecordTypesWithoutMunicipality(db.Model));
    }

    [Fact]
    public void TheAuditInterceptorRunsAfterTheVersionCountersAndTheOutboxSignalAndBeforeSavepointsAreTurnedOff() =>
        Assert.Equal(SaveInterceptors.OfAnAuditingService, SaveInterceptors.Of<Data.SubsidyDbContext>(system.Subsidy.Services));
}
