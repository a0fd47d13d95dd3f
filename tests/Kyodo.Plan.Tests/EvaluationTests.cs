using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>
/// 事務事業評価・施策評価: written and submitted by the item's department, approved or returned by
/// another person with the admin role, on the municipality's rating scale, every step published.
/// </summary>
public sealed class EvaluationTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    private static EvaluationContent Komoro() => new()
    {
        Necessity = "A", NecessityReason = "市民活動の拠点として利用が定着している",
        Effectiveness = "B", EffectivenessReason = "紹介数は目標に届かなかった",
        Efficiency = "A", EfficiencyReason = "指定管理により人件費を抑えている",
    };

    [Fact]
    public async Task AnEditorEvaluatesItsDepartmentsItemAndAnotherAdminApprovesItWithEveryStepPublished()
    {
        var world = await KomoroEvaluationWorld.CreateAsync(fixture, "20301");

        var created = (await world.Editor.CreateEvaluationAsync(
            new CreateEvaluationRequest { ItemId = world.Support.Id, FiscalYear = "令和元年度", Content = Komoro() })).Evaluation;
        var updated = (await world.Editor.UpdateEvaluationAsync(new UpdateEvaluationRequest
        {
            Id = created.Id, Version = created.Version,
            Content = new EvaluationContent { Direction = "拡充", DirectionReason = "交流集会を年2回に増やす", Necessity = "C" },
            UpdateMask = new FieldMask { Paths = { "direction", "direction_reason" } },
        })).Evaluation;
        var submitted = (await world.Editor.SubmitEvaluationAsync(
            new SubmitEvaluationRequest { Id = updated.Id, Version = updated.Version })).Evaluation;
        var approved = (await world.Admin("kikaku-kacho")
            .ApproveEvaluationAsync(new ApproveEvaluationRequest { Id = submitted.Id, Version = submitted.Version })).Evaluation;

        Assert.Equal((2019, "企画課", "kikaku-editor"), (created.FiscalYear, created.EvaluatorDepartment.Name, created.EvaluatedBy));
        // the mask left necessity alone
        Assert.Equal(("A", "拡充", "交流集会を年2回に増やす"), (updated.Content.Necessity, updated.Content.Direction, updated.Content.DirectionReason));
        Assert.Equal((ReviewStatus.Submitted, "kikaku-editor"), (submitted.Review.Status, submitted.Review.SubmittedBy));
        Assert.Equal((ReviewStatus.Approved, "kikaku-kacho"), (approved.Review.Status, approved.Review.ReviewedBy));
        var stored = (await fixture.Client.GetEvaluationAsync(new GetEvaluationRequest { Id = created.Id })).Evaluation;
        Assert.Equal(approved, stored);

        var id = Guid.Parse(created.Id);
        var (last, _) =
            await fixture.Events.WaitForAsync<EvaluationChanged>(e => e.Evaluation.EvaluationId == id && e.Change == "approved");
        Assert.Equal(("Approved", "拡充", "kikaku-kacho", 4),
            (last.Evaluation.Status, last.Evaluation.Direction, last.Evaluation.ReviewedBy, last.Evaluation.Revision));
        Assert.Equal(["created", "updated", "submitted", "approved"],
            fixture.Events.Received<EvaluationChanged>().Where(e => e.Message.Evaluation.EvaluationId == id)
                .OrderBy(e => e.Message.Evaluation.Revision).Select(e => e.Message.Change));
    }

    [Fact]
    public async Task ASubmissionAndAnApprovalSentAgainWithTheirRequestIdsAnswerTheFirstTimeInsteadOfAStaleVersion()
    {
        var world = await KomoroEvaluationWorld.CreateAsync(fixture, "20309");
        var created = (await world.Editor.CreateEvaluationAsync(new CreateEvaluationRequest
        {
            ItemId = world.Support.Id, FiscalYear = "2019", Content = new EvaluationContent(Komoro()) { Direction = "継続" },
        })).Evaluation;
        var submit = new SubmitEvaluationRequest { Id = created.Id, Version = created.Version, RequestId = Guid.NewGuid().ToString() };

        var submitted = (await world.Editor.SubmitEvaluationAsync(submit)).Evaluation;
        var submittedAgain = (await world.Editor.SubmitEvaluationAsync(submit)).Evaluation;
        var approve =
            new ApproveEvaluationRequest { Id = submitted.Id, Version = submitted.Version, RequestId = Guid.NewGuid().ToString() };
        var approved = (await world.Admin("kikaku-kacho").ApproveEvaluationAsync(approve)).Evaluation;
        var approvedAgain = (await world.Admin("kikaku-kacho").ApproveEvaluationAsync(approve)).Evaluation;

        Assert.Equal(submitted, submittedAgain);
        Assert.Equal(approved, approvedAgain);
        // Without its request id the same submission is a stale write.
        await RpcAssert.FailsWith(StatusCode.Aborted, () =>
            world.Editor.SubmitEvaluationAsync(new SubmitEvaluationRequest { Id = created.Id, Version = created.Version }).ResponseAsync);
        var id = Guid.Parse(created.Id);
        await fixture.Events.WaitForAsync<EvaluationChanged>(e => e.Evaluation.EvaluationId == id && e.Change == "approved");
        await using var db = fixture.OpenDatabase();
        // created, submitted, approved: once each
        Assert.Equal(3, (await db.Evaluations.AsNoTracking().SingleAsync(e => e.Id == id)).Revision);
    }

    [Fact]
    public async Task TheEvaluatorMayNotApproveItNorAnEditorAndAReturnedEvaluationComesBackWithItsComment()
    {
        var world = await KomoroEvaluationWorld.CreateAsync(fixture, "20302");
        var author = world.Admin("kikaku-kakaricho");
        var evaluation = (await author.CreateEvaluationAsync(new CreateEvaluationRequest
        {
            ItemId = world.Awards.Id, FiscalYear = "2019", Content = new EvaluationContent(Komoro()) { Direction = "継続" },
        })).Evaluation;
        evaluation = (await author.SubmitEvaluationAsync(
            new SubmitEvaluationRequest { Id = evaluation.Id, Version = evaluation.Version })).Evaluation;

        var own = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () =>
            author.ApproveEvaluationAsync(new ApproveEvaluationRequest { Id = evaluation.Id, Version = evaluation.Version }).ResponseAsync);
        Assert.Contains("another person with the admin role", own.Status.Detail);
        await AccessAssert.Denied("ApproveEvaluation", () => world.Editor.ApproveEvaluationAsync(
            new ApproveEvaluationRequest { Id = evaluation.Id, Version = evaluation.Version }).ResponseAsync);
        var noComment = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => world.Admin("kikaku-kacho")
            .ReturnEvaluationAsync(new ReturnEvaluationRequest { Id = evaluation.Id, Version = evaluation.Version }).ResponseAsync);
        Assert.Equal(["comment"], RpcAssert.FieldViolations(noComment).Keys);
        Assert.Equal(ReviewStatus.Submitted,
            (await fixture.Client.GetEvaluationAsync(new GetEvaluationRequest { Id = evaluation.Id })).Evaluation.Review.Status);

        var returned = (await world.Admin("kikaku-kacho").ReturnEvaluationAsync(
            new ReturnEvaluationRequest { Id = evaluation.Id, Version = evaluation.Version, Comment = "効率性の理由に費用の比較を書くこと" })).Evaluation;
        Assert.Equal((ReviewStatus.Returned, "kikaku-kacho", "効率性の理由に費用の比較を書くこと"),
            (returned.Review.Status, returned.Review.ReviewedBy, returned.Review.Comment));
        var rewritten = (await world.Editor.UpdateEvaluationAsync(new UpdateEvaluationRequest
        {
            Id = returned.Id, Version = returned.Version, Content = new EvaluationContent { EfficiencyReason = "前年度比で1件あたり費用が1割減" },
        })).Evaluation;
        // no mask: only the fields given
        Assert.Equal(("A", "前年度比で1件あたり費用が1割減"), (rewritten.Content.Necessity, rewritten.Content.EfficiencyReason));
        var resubmitted = (await world.Editor.SubmitEvaluationAsync(
            new SubmitEvaluationRequest { Id = rewritten.Id, Version = rewritten.Version })).Evaluation;
        // The editor who rewrote it is an author now too; the first author still may not approve.
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => author.ApproveEvaluationAsync(
            new ApproveEvaluationRequest { Id = resubmitted.Id, Version = resubmitted.Version }).ResponseAsync);
        var approved = (await world.Admin("kikaku-kacho")
            .ApproveEvaluationAsync(new ApproveEvaluationRequest { Id = resubmitted.Id, Version = resubmitted.Version })).Evaluation;
        Assert.Equal(ReviewStatus.Approved, approved.Review.Status);
        var late =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => world.Editor.UpdateEvaluationAsync(new UpdateEvaluationRequest
            { Id = approved.Id, Version = approved.Version, Content = new EvaluationContent { Direction = "廃止" } }).ResponseAsync);
        Assert.Equal("REVIEW_APPROVED", late.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task AGradeOffTheMunicipalitysScaleAnUnknownMaskPathOrAnotherDepartmentsItemIsRefusedAndNothingIsStored()
    {
        var world = await KomoroEvaluationWorld.CreateAsync(fixture, "20303");

        var offScale =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => world.Editor.CreateEvaluationAsync(new CreateEvaluationRequest
            {
                ItemId = world.Support.Id, FiscalYear = "2019",
                Content = new EvaluationContent { Necessity = "S", Efficiency = "D" }
            }).ResponseAsync);
        Assert.Equal(["content.efficiency", "content.necessity"], RpcAssert.FieldViolations(offScale).Keys.Order());
        Assert.Contains("A, B, C", RpcAssert.FieldViolations(offScale)["content.necessity"]);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => world.Editor.CreateEvaluationAsync(new CreateEvaluationRequest
        { ItemId = world.Other.Id, FiscalYear = "2019", Content = Komoro() }).ResponseAsync);
        var outside =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => world.Editor.CreateEvaluationAsync(new CreateEvaluationRequest
            { ItemId = world.Support.Id, FiscalYear = "R4", Content = Komoro() }).ResponseAsync);
        Assert.Contains("outside the plan's period", RpcAssert.FieldViolations(outside)["fiscal_year"]);
        await using (var db = fixture.OpenDatabase())
            Assert.False(await db.Evaluations.AnyAsync(e => e.MunicipalityCode == world.Municipality));

        var evaluation = (await world.Editor.CreateEvaluationAsync(
            new CreateEvaluationRequest { ItemId = world.Support.Id, FiscalYear = "2019", Content = Komoro() })).Evaluation;
        var badMask =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => world.Editor.UpdateEvaluationAsync(new UpdateEvaluationRequest
            {
                Id = evaluation.Id, Version = evaluation.Version, Content = new EvaluationContent { Direction = "縮小" },
                UpdateMask = new FieldMask { Paths = { "direction", "status" } }
            }).ResponseAsync);
        Assert.Contains("'status'", RpcAssert.FieldViolations(badMask)["update_mask"]);
        var incomplete = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => world.Editor.SubmitEvaluationAsync(
            new SubmitEvaluationRequest { Id = evaluation.Id, Version = evaluation.Version }).ResponseAsync);
        Assert.Equal(("EVALUATION_INCOMPLETE", "direction"), (incomplete.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason,
            incomplete.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["missing"]));
        Assert.Equal(evaluation, (await fixture.Client.GetEvaluationAsync(new GetEvaluationRequest { Id = evaluation.Id })).Evaluation);

        // The municipality's own scale and words: S is a grade once set, and 民間委託 is kept as written.
        await AccessAssert.Denied("UpdateEvaluationSettings",
            () => world.Editor.UpdateEvaluationSettingsAsync(new UpdateEvaluationSettingsRequest
            { Settings = new EvaluationSettings { MunicipalityCode = world.Municipality, RatingScale = { "S" } } }).ResponseAsync);
        var settings = (await world.Admin("somu").UpdateEvaluationSettingsAsync(new UpdateEvaluationSettingsRequest
        { Settings = new EvaluationSettings { MunicipalityCode = world.Municipality, RatingScale = { "S", "A", "B", "C" } } })).Settings;
        Assert.Equal(["拡充", "継続", "改善", "縮小", "統合", "休止", "廃止", "完了"], settings.Directions); // not in the mask implied: kept
        var graded = (await world.Editor.UpdateEvaluationAsync(new UpdateEvaluationRequest
        {
            Id = evaluation.Id, Version = evaluation.Version,
            Content = new EvaluationContent { Necessity = "S", Direction = "民間委託" }
        })).Evaluation;
        Assert.Equal(("S", "民間委託"), (graded.Content.Necessity, graded.Content.Direction));
    }

    [Fact]
    public async Task AMeasuresEvaluationListsEveryItemBeneathItWithItsEvaluationOfTheYear()
    {
        var world = await KomoroEvaluationWorld.CreateAsync(fixture, "20304");
        await world.Editor.CreateEvaluationAsync(new CreateEvaluationRequest
        {
            ItemId = world.Support.Id, FiscalYear = "2019",
            Content = new EvaluationContent(Komoro()) { Direction = "拡充" }
        });
        // another year
        await world.Editor.CreateEvaluationAsync(
            new CreateEvaluationRequest { ItemId = world.Awards.Id, FiscalYear = "2020", Content = Komoro() });

        var measure = (await world.Editor.CreateEvaluationAsync(new CreateEvaluationRequest
        {
            NodeId = world.Measure.Id, FiscalYear = "2019", EvaluatorDepartmentId = world.Planning.ToString(),
            Content = new EvaluationContent { Necessity = "A", Direction = "継続" },
        })).Evaluation;
        var policy = (await world.Admin("seisaku").CreateEvaluationAsync(new CreateEvaluationRequest
        { NodeId = world.Policy.Id, FiscalYear = "2019", EvaluatorDepartmentId = world.Planning.ToString() })).Evaluation;
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => world.Editor.CreateEvaluationAsync(new CreateEvaluationRequest
        { NodeId = world.Policy.Id, FiscalYear = "2020", EvaluatorDepartmentId = world.Collaboration.ToString() }).ResponseAsync);

        var read = (await fixture.Client.GetEvaluationAsync(new GetEvaluationRequest { Id = measure.Id })).Evaluation;
        Assert.Equal("施策 6-1 協働によるまちづくりを推進します", read.SubjectTitle);
        // 施策 6-1 as printed (it holds its 政策 6 already), then the item code
        Assert.Equal(["6-1-2 市民活動支援事業 拡充", "6-1-3 表彰事業 ", "6-1-4 集会施設等補助事業 "],
            read.ItemsBeneath.Select(l => $"{l.Reference} {l.Title} {l.Direction}"));
        Assert.Equal([ReviewStatus.Draft, ReviewStatus.Unspecified, ReviewStatus.Unspecified], read.ItemsBeneath.Select(l => l.Status));
        var top = (await fixture.Client.GetEvaluationAsync(new GetEvaluationRequest { Id = policy.Id })).Evaluation;
        Assert.Equal(3, top.ItemsBeneath.Count); // items of the measures below count for the policy too
        Assert.Equal((measure.Id, "継続"), (top.NodesBeneath.Single().EvaluationId, top.NodesBeneath.Single().Direction));
        var listed = (await fixture.Client.ListEvaluationsAsync(
            new ListEvaluationsRequest { MunicipalityCode = world.Municipality, FiscalYear = "R1" })).Evaluations;
        Assert.Equal(3, listed.Count);
        Assert.All(listed, e => Assert.Empty(e.ItemsBeneath));
    }
}
