using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.Budget.Tests;

/// <summary>ListReservations: what the reporting rebuild reads to restore its reservation read model.</summary>
public sealed class ReservationListTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    // Municipalities of their own, one pair per test: no other test's reservations show.
    private const string Komoro = "20204", Ueda = "20203";
    private const string Home = "20206", Foreign = "20207";

    private async Task<BudgetLine> LineAsync(string municipality, long costYen)
    {
        var item = await KomoroItems.CreateAsync(system.Plans, $"まちづくり活動補助金 {Guid.NewGuid():N}", municipality: municipality);
        return (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = municipality, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = costYen, GeneralRevenueYen = costYen },
        })).Line;
    }

    private async Task<Reservation> ReserveAsync(BudgetLine line, long amountYen, string purpose) =>
        (await system.Budgets.ReserveAsync(new ReserveRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = line.Id, AmountYen = amountYen, Purpose = purpose })).Reservation;

    private async Task<List<Reservation>> AllAsync(BudgetService.BudgetServiceClient client, string municipality, int pageSize)
    {
        var all = new List<Reservation>();
        var token = "";
        do
        {
            var page = await client.ListReservationsAsync(new ListReservationsRequest
            { MunicipalityCode = municipality, Page = new PageRequest { PageSize = pageSize, PageToken = token } });
            Assert.InRange(page.Reservations.Count, 0, pageSize);
            all.AddRange(page.Reservations);
            token = page.Page.NextPageToken;
        } while (token.Length > 0);
        return all;
    }

    [Fact]
    public async Task EveryReservationOfAMunicipalitysLinesIsListedPageByPageWithItsStateAndNoneOfAnotherMunicipality()
    {
        var first = await LineAsync(Komoro, 1_000_000);
        var second = await LineAsync(Komoro, 500_000);
        var open = await ReserveAsync(first, 200_000, "チャレンジ 見守り活動");
        var settled = await ReserveAsync(first, 150_000, "ステップアップ 花壇づくり");
        var withdrawn = await ReserveAsync(second, 100_000, "チャレンジ 子ども食堂");
        await system.Budgets.CommitAsync(
            new CommitRequest { IdempotencyKey = Guid.NewGuid().ToString(), ReservationId = settled.Id, AmountYen = 120_000 });
        await system.Budgets.ReleaseAsync(new ReleaseRequest { IdempotencyKey = Guid.NewGuid().ToString(), ReservationId = withdrawn.Id });
        var foreign = await ReserveAsync(await LineAsync(Ueda, 300_000), 50_000, "上田市の交付");

        var viewer = new BudgetService.BudgetServiceClient(system.BudgetService.ChannelAs(TestAuth.UserToken(Komoro, KyodoRoles.Viewer)));
        var listed = await AllAsync(viewer, Komoro, pageSize: 2);

        Assert.Equal([open.Id, settled.Id, withdrawn.Id], listed.Select(r => r.Id)); // creation order, across pages and lines
        Assert.Equal(
            [(first.Id, "チャレンジ 見守り活動", 200_000L, 0L, ReservationStatus.Reserved),
             (first.Id, "ステップアップ 花壇づくり", 150_000L, 120_000L, ReservationStatus.Committed),
             (second.Id, "チャレンジ 子ども食堂", 100_000L, 0L, ReservationStatus.Released)],
            listed.Select(r => (r.BudgetLineId, r.Purpose, r.AmountYen, r.CommittedYen, r.Status)));
        Assert.DoesNotContain(listed, r => r.Id == foreign.Id);
        Assert.Equal([foreign.Id], (await AllAsync(system.Budgets, Ueda, pageSize: 50)).Select(r => r.Id));
    }

    [Fact]
    public async Task AnotherMunicipalitysReservationsArePermissionDeniedAndABadRequestNamesEveryBadField()
    {
        await ReserveAsync(await LineAsync(Foreign, 300_000), 50_000, "他市の交付");
        var admin = new BudgetService.BudgetServiceClient(system.BudgetService.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Admin)));

        await AccessAssert.Denied("ListReservations",
            () => admin.ListReservationsAsync(new ListReservationsRequest { MunicipalityCode = Foreign }).ResponseAsync,
                "municipality_code");

        var bad = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => admin.ListReservationsAsync(new ListReservationsRequest
        { MunicipalityCode = Home, Page = new PageRequest { PageSize = 501, PageToken = "not-a-token" } }).ResponseAsync);
        Assert.Equal(["page.page_size", "page.page_token"], RpcAssert.FieldViolations(bad).Keys.Order());
    }
}
