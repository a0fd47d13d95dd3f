using Google.Rpc;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.Subsidy.Tests;

// The subsidy service's own refusals, and the budget service's it passes on, in the language the
// caller's accept-language asks for; the reason a caller branches on stays the same in both.
public sealed class ErrorLanguageTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    private static readonly Metadata Japanese = new() { { "accept-language", "ja" } };
    private static readonly Metadata English = new() { { "accept-language", "en" } };

    [Fact]
    public async Task WithdrawingAnAwardedApplicationIsRefusedNamingTheStatesInJapaneseOrEnglishAsAsked()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000);
        var application = await komoro.ApplyAndReviewAsync(system, komoro.StepUp, 150_000);
        await system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 100_000 });
        var withdraw = new TransitionRequest { ApplicationId = application.Id };

        var japanese = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.WithdrawAsync(withdraw, Japanese).ResponseAsync);
        var english =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Subsidies.WithdrawAsync(withdraw, English).ResponseAsync);

        Assert.Equal("交付決定済の申請は取下げできません。取下げできるのは申請済・審査中の申請だけです。", japanese.Status.Detail);
        Assert.Equal("Cannot withdraw an application that is awarded (交付決定); it must be submitted or under review (審査).",
            english.Status.Detail);
        Assert.Equal(["INVALID_TRANSITION", "INVALID_TRANSITION"],
            new[] { japanese, english }.Select(e => e.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
        var stored = (await system.Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = application.Id })).Application;
        Assert.Equal((ApplicationStatus.Awarded, 100_000L), (stored.Status, stored.AwardedYen));
    }

    [Fact]
    public async Task AnAwardTheBudgetCannotHoldIsRefusedInTheCallersLanguageByBothServices()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 100_000);
        var application = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 150_000);
        var award = new AwardRequest { ApplicationId = application.Id, AmountYen = 150_000 };

        var japanese =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Subsidies.AwardAsync(award, Japanese).ResponseAsync);
        var english =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Subsidies.AwardAsync(award, English).ResponseAsync);

        Assert.Equal("予算サービスが拒否しました: 市民活動支援事業の2019年度の予算行で使える残額は 100,000 円です。求められた額は 150,000 円です（予算の範囲内）。",
            japanese.Status.Detail);
        Assert.Equal(
            "The budget service refused: Only 100,000 yen is still available on the FY2019 line of 市民活動支援事業; 150,000 yen was asked for.",
            english.Status.Detail);
        Assert.Equal(["BUDGET_EXHAUSTED", "BUDGET_EXHAUSTED"],
            new[] { japanese, english }.Select(e => e.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
        var stored = (await system.Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = application.Id })).Application;
        Assert.Equal((ApplicationStatus.UnderReview, 0L), (stored.Status, stored.AwardedYen));
        Assert.Empty(
            (await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId })).Reservations);
    }
}
