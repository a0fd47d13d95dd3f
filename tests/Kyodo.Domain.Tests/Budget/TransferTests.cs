using Kyodo.Budget.Domain;

namespace Kyodo.Domain.Tests.Budget;

// 流用 moves money between two lines of one fiscal year, 会計 and 款 (DOMAIN.md, Evaluation → budget
// stages; 地方自治法 220条2項 forbids moving between 款).
public sealed class TransferTests
{
    private static readonly AccountClassification Tax = new("", "一般会計", "2", "総務費", "2", "徴税費", "1", "税務総務費");
    private static readonly AccountClassification Welfare = new("", "一般会計", "3", "民生費", "1", "社会福祉費", "1", "社会福祉総務費");

    [Fact]
    public void MoneyMayMoveToAnotherLineOfTheSameAccountAndSection() =>
        Komoro.Line(Komoro.CitizenActivity2019).EnsureMayTransferTo(Komoro.Line(Komoro.General(1_000_000)));

    [Fact]
    public void MoneyMayMoveBetweenItemsOfOneSection() =>
        Komoro.Line(Komoro.CitizenActivity2019).EnsureMayTransferTo(Komoro.Line(Komoro.General(1_000_000), account: Tax));

    [Fact]
    public void MoneyMayNotMoveBetweenSectionsNamingBoth()
    {
        var refusal = Refusals.Rule(() =>
            Komoro.Line(Komoro.CitizenActivity2019).EnsureMayTransferTo(Komoro.Line(Komoro.General(1_000_000), account: Welfare)));
        Assert.Equal("TRANSFER_BETWEEN_SECTIONS", refusal.Reason);
        Assert.Contains("総務費", refusal.Metadata["from_account"]);
        Assert.Contains("民生費", refusal.Metadata["to_account"]);
    }

    [Fact]
    public void MoneyMayNotMoveToALineOfAnotherFiscalYear() =>
        Assert.Equal(["counterpart_line_id"], Refusals.Fields(() =>
            Komoro.Line(Komoro.CitizenActivity2019).EnsureMayTransferTo(Komoro.Line(Komoro.General(1_000_000), fiscalYear: 2020))));

    [Fact]
    public void MoneyMayNotMoveToAnotherMunicipalitysLine() =>
        Assert.Equal(["counterpart_line_id"], Refusals.Fields(() =>
            Komoro.Line(Komoro.CitizenActivity2019).EnsureMayTransferTo(Komoro.Line(Komoro.General(1_000_000), municipality: "20203"))));

    [Fact]
    public void ALineWhoseSectionIsNotKnownCannotTakePartInATransfer() =>
        Assert.Equal("TRANSFER_NEEDS_ACCOUNT", Refusals.Rule(() =>
            Komoro.Line(Komoro.CitizenActivity2019).EnsureMayTransferTo(
                Komoro.Line(Komoro.General(1_000_000), account: AccountClassification.None))).Reason);
}
