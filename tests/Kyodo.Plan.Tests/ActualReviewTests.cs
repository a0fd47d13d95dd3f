using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;
using Kyodo.Testing;

namespace Kyodo.Plan.Tests;

/// <summary>
/// Approved actuals: the department enters and submits, another person with the admin role approves
/// (only then the value counts) or returns it with a comment; who and when at each step.
/// </summary>
public sealed class ActualReviewTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    private static async Task<Indicator> IndicatorAsync(PlanServiceFixture fixture, KomoroEvaluationWorld world) =>
        (await fixture.Client.GetItemAsync(new GetItemRequest { Id = world.Support.Id })).Item.Indicators.Single();

    [Fact]
    public async Task AnEditorsRecordedActualWaitsForApprovalAndCountsOnlyOnceAnotherPersonApprovesIt()
    {
        var world = await KomoroEvaluationWorld.CreateAsync(fixture, "20311");

        // The RPC existing callers use: from an editor it is now a submission.
        var recorded = await world.Editor.RecordActualAsync(new RecordActualRequest
        {
            IndicatorId = world.SupportIndicator, FiscalYear = "令和元年度", Value = "280", Note = "交流集会1回中止",
            ItemVersion = world.Support.Version
        });

        Assert.Empty(recorded.Indicator.Actuals);
        var entry = recorded.Indicator.ActualEntries.Single();
        Assert.Equal((2019, "280", "kikaku-editor", ReviewStatus.Submitted, "kikaku-editor"),
            (entry.FiscalYear, entry.Value, entry.EnteredBy, entry.Review.Status, entry.Review.SubmittedBy));
        var (submitted, _) = await fixture.Events.WaitForAsync<IndicatorActualEntryChanged>(
            e => e.IndicatorId == Guid.Parse(world.SupportIndicator) && e.Status == "Submitted");
        Assert.Equal((280m, "kikaku-editor"), (submitted.Value, submitted.By));
        Assert.Empty(submitted.Item.Indicators.Single().Actuals); // reports count approved values only
        Assert.Equal("Submitted", submitted.Item.Indicators.Single().PendingActuals!.Single().Status);

        await AccessAssert.Denied("ApproveActual", () => world.Editor.ApproveActualAsync(new ApproveActualRequest
        { IndicatorId = world.SupportIndicator, FiscalYear = "2019", ItemVersion = recorded.ItemVersion }).ResponseAsync);
        var approved = await world.Admin("kikaku-kacho").ApproveActualAsync(new ApproveActualRequest
        { IndicatorId = world.SupportIndicator, FiscalYear = "2019", ItemVersion = recorded.ItemVersion });

        var actual = approved.Indicator.Actuals.Single();
        Assert.Equal(("280", "交流集会1回中止", "kikaku-editor", "kikaku-kacho"),
            (actual.Value, actual.Note, actual.RecordedBy, actual.ApprovedBy));
        Assert.Empty(approved.Indicator.ActualEntries);
        var (official, _) =
            await fixture.Events.WaitForAsync<IndicatorActualRecorded>(e => e.IndicatorId == Guid.Parse(world.SupportIndicator));
        Assert.Equal((2019, 280m, 300m, "kikaku-editor"),
            (official.FiscalYear, official.Value, official.Target!.Value, official.RecordedBy));
        Assert.Equal(280m, official.Item.Indicators.Single().Actuals.Single().Value);
        var history = (await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = world.Support.Id })).Changes;
        Assert.Equal(["created", "actual_submitted", "actual_approved"], history.Select(c => c.Kind));
        Assert.Equal("kikaku-kacho", history[^1].ChangedBy);
    }

    [Fact]
    public async Task AReturnedActualKeepsItsCommentAndTheOfficialValueUntilACorrectedOneIsApproved()
    {
        var world = await KomoroEvaluationWorld.CreateAsync(fixture, "20312");
        var clerk = world.Admin("kikaku-clerk"); // an admin too: entering it still needs a second person
        var drafted = await clerk.EnterActualAsync(new EnterActualRequest
        {
            IndicatorId = world.SupportIndicator, FiscalYear = "2019",
            Value = "320", ItemVersion = world.Support.Version
        });
        Assert.Equal(ReviewStatus.Draft, drafted.Indicator.ActualEntries.Single().Review.Status);
        var submitted = await clerk.SubmitActualAsync(
            new SubmitActualRequest { IndicatorId = world.SupportIndicator, FiscalYear = "2019", ItemVersion = drafted.ItemVersion });

        var self = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => clerk.ApproveActualAsync(new ApproveActualRequest
        { IndicatorId = world.SupportIndicator, FiscalYear = "2019", ItemVersion = submitted.ItemVersion }).ResponseAsync);
        Assert.Contains("kikaku-clerk", self.Status.Detail);
        var returned = await world.Admin("kikaku-kacho").ReturnActualAsync(new ReturnActualRequest
        { IndicatorId = world.SupportIndicator, FiscalYear = "2019", ItemVersion = submitted.ItemVersion, Comment = "紹介数は台帳の件数と照合すること" });
        var entry = returned.Indicator.ActualEntries.Single();
        Assert.Equal((ReviewStatus.Returned, "kikaku-kacho", "紹介数は台帳の件数と照合すること"),
            (entry.Review.Status, entry.Review.ReviewedBy, entry.Review.Comment));
        Assert.Empty(returned.Indicator.Actuals);

        var corrected = await world.Editor.EnterActualAsync(new EnterActualRequest
        { IndicatorId = world.SupportIndicator, FiscalYear = "2019", Value = "298", Submit = true, ItemVersion = returned.ItemVersion });
        var approved = await world.Admin("kikaku-kacho").ApproveActualAsync(new ApproveActualRequest
        { IndicatorId = world.SupportIndicator, FiscalYear = "2019", ItemVersion = corrected.ItemVersion });
        Assert.Equal(("298", "kikaku-editor", "kikaku-kacho"), (approved.Indicator.Actuals.Single().Value,
            approved.Indicator.Actuals.Single().RecordedBy, approved.Indicator.Actuals.Single().ApprovedBy));

        // A value approved once is corrected by a new cycle: the official one stays until that is approved.
        var again = await world.Editor.EnterActualAsync(new EnterActualRequest
        {
            IndicatorId = world.SupportIndicator, FiscalYear = "2019",
            Value = "299", ItemVersion = approved.ItemVersion
        });
        Assert.Equal(("298", "299", ReviewStatus.Draft), (again.Indicator.Actuals.Single().Value,
            again.Indicator.ActualEntries.Single().Value, again.Indicator.ActualEntries.Single().Review.Status));
        Assert.Equal("298", (await IndicatorAsync(fixture, world)).Actuals.Single().Value);
    }

    [Fact]
    public async Task ASystemCallerWithTheAdminScopeRecordsAnOfficialValueAtOnceAsImportsDo()
    {
        var world = await KomoroEvaluationWorld.CreateAsync(fixture, "20313");
        var recorded = await fixture.ClientAs("kyodo-import").RecordActualAsync(new RecordActualRequest
        { IndicatorId = world.SupportIndicator, FiscalYear = "H31", Value = "305", ItemVersion = world.Support.Version });

        var actual = recorded.Indicator.Actuals.Single();
        Assert.Equal(("305", "kyodo-import", "kyodo-import"), (actual.Value, actual.RecordedBy, actual.ApprovedBy));
        Assert.Empty(recorded.Indicator.ActualEntries);
    }
}
