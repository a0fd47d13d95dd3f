using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Audit;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

/// <summary>Budget writes leave who, when, where and what in the audit trail, and rejected ones leave nothing.</summary>
public sealed class AuditTrailTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    private BudgetService.BudgetServiceClient BudgetsAs(string actor, string forwardedFor) =>
        new(system.BudgetService.Channel.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + TestAuth.SystemTokenAs(actor));
            metadata.Add("x-forwarded-for", forwardedFor);
            return metadata;
        }));

    private async Task<IReadOnlyList<AuditEntry>> TrailAsync(string recordType, string id) =>
        (await system.Budgets.GetAuditTrailAsync(
            new GetAuditTrailRequest { MunicipalityCode = KomoroItems.Komoro, RecordType = recordType, RecordId = id })).Entries;

    private static AuditChange Change(AuditEntry entry, string field, string? entity = null) =>
        Assert.Single(entry.Changes, c => c.Field == field && c.Entity == (entity ?? entry.RecordType));

    private async Task<int> StoredAuditRowsAsync()
    {
        await using var db = system.OpenDatabase();
        return await db.Set<AuditRecord>().CountAsync();
    }

    [Fact]
    public async Task ALineCreatedRevisedToASupplementaryBudgetAndDeletedShowsEachAmountBeforeAndAfter()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "市民協働推進事業");
        var budgets = BudgetsAs("komoro-zaisei", "198.51.100.23");
        // 当初 ¥1,000,000 of general revenue; 補正1 adds ¥200,000 of national/prefectural money.
        var line = (await budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2019, Account = KomoroItems.PlanningAccount(),
            Funding = new FundingBreakdown { CostYen = 1_000_000, GeneralRevenueYen = 1_000_000 },
        })).Line;
        var revised = (await budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = new FundingBreakdown { CostYen = 1_200_000, NationalPrefecturalYen = 200_000, GeneralRevenueYen = 1_000_000 },
        })).Line;
        await budgets.DeleteBudgetLineAsync(new DeleteBudgetLineRequest { Id = line.Id, Version = revised.Version });

        var trail = await TrailAsync("budget_line", line.Id);

        Assert.Equal(["deleted", "updated", "created"], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal(("komoro-zaisei", "198.51.100.23"), (e.Actor.Subject, e.Actor.Address)));
        var (deleted, updated, created) = (trail[0], trail[1], trail[2]);
        Assert.Equal(("", "1000000"), (Change(created, "funding.cost_yen").Before, Change(created, "funding.cost_yen").After));
        Assert.Equal("\"企画費\"", Change(created, "account.subitem_name").After);
        Assert.Equal(("1000000", "1200000"), (Change(updated, "funding.cost_yen").Before, Change(updated, "funding.cost_yen").After));
        Assert.Equal(("0", "200000"),
            (Change(updated, "funding.national_prefectural_yen").Before, Change(updated, "funding.national_prefectural_yen").After));
        Assert.Equal(("\"initial\"", "\"supplementary\""), (Change(updated, "stage").Before, Change(updated, "stage").After));
        Assert.DoesNotContain(updated.Changes, c => c.Field == "funding.general_revenue_yen" && c.Entity == "budget_line");
        // The new stage row is part of the line's trail, not a record of its own.
        var stage = Change(updated, "funding.cost_yen", "budget_revision");
        Assert.Equal(("", "1200000"), (stage.Before, stage.After));
        Assert.Equal("\"komoro-zaisei\"", Change(updated, "revised_by", "budget_revision").After);
        // Deleting the line deletes its two stages with it, and the trail says so.
        Assert.Equal(2, deleted.Changes.Count(c => c.Entity == "budget_revision" && c.Field == "stage" && c.After == ""));
        Assert.Equal(("1200000", ""), (Change(deleted, "funding.cost_yen").Before, Change(deleted, "funding.cost_yen").After));
    }

    [Fact]
    public async Task AReservationIsAuditedOnItsOwnAndOnItsLineButARetryOfItChangesNothing()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "市民活動支援事業");
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 500_000, GeneralRevenueYen = 500_000 },
        })).Line;
        var request =
            new ReserveRequest { IdempotencyKey = $"audit-{line.Id}", BudgetLineId = line.Id, AmountYen = 200_000, Purpose = "チャレンジコース" };

        var reservation = (await BudgetsAs("subsidy-service", "10.1.2.3").ReserveAsync(request)).Reservation;
        var rows = await StoredAuditRowsAsync();
        await BudgetsAs("subsidy-service", "10.1.2.3").ReserveAsync(request);

        Assert.Equal(rows, await StoredAuditRowsAsync());
        var own = Assert.Single(await TrailAsync("reservation", reservation.Id));
        Assert.Equal(("created", "200000", "\"チャレンジコース\"", "subsidy-service"),
            (own.Action, Change(own, "amount_yen").After, Change(own, "purpose").After, own.Actor.Subject));
        var lineTrail = await TrailAsync("budget_line", line.Id);
        Assert.Equal(["updated", "created"], lineTrail.Select(e => e.Action));
        Assert.Equal(("0", "200000"), (Change(lineTrail[0], "reserved_yen").Before, Change(lineTrail[0], "reserved_yen").After));
    }

    [Fact]
    public async Task AnEditorsWriteKeepsTheEditorsRoleAndDepartmentsInTheTrail()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "協働提案事業");
        var department = Guid.Parse(item.Departments[0].Id);
        var editor = new BudgetService.BudgetServiceClient(
            system.BudgetService.ChannelAs(TestAuth.UserToken(KomoroItems.Komoro, KyodoRoles.Editor, department)));

        var line = (await editor.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 300_000, GeneralRevenueYen = 300_000 },
        })).Line;

        var created = Assert.Single(await TrailAsync("budget_line", line.Id));
        Assert.Equal(($"editor@{KomoroItems.Komoro}", KomoroItems.Komoro), (created.Actor.Subject, created.Actor.MunicipalityCode));
        Assert.Equal([KyodoRoles.Editor], created.Actor.Roles);
        Assert.Equal([department.ToString()], created.Actor.DepartmentIds);
    }

    [Fact]
    public async Task RejectedWritesLeaveNoAuditRow()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "地域づくり支援事業");
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2020,
            Funding = new FundingBreakdown { CostYen = 100_000, GeneralRevenueYen = 100_000 },
        })).Line;
        var before = await StoredAuditRowsAsync();

        // Cost is not the sum of its sources; a stale version; more than the line holds.
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = new FundingBreakdown { CostYen = 150_000, GeneralRevenueYen = 100_000 },
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Aborted, () => system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version + 1, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = new FundingBreakdown { CostYen = 150_000, GeneralRevenueYen = 150_000 },
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Budgets.ReserveAsync(new ReserveRequest
        {
            IdempotencyKey = $"too-much-{line.Id}", BudgetLineId = line.Id, AmountYen = 100_001, Purpose = "超過",
        }).ResponseAsync);

        Assert.Equal(before, await StoredAuditRowsAsync());
        Assert.Equal(["created"], (await TrailAsync("budget_line", line.Id)).Select(e => e.Action));
    }

    [Fact]
    public async Task AnUnknownOrForeignLineHasNoTrail()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "協働のまちづくり講座");
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2021,
            Funding = new FundingBreakdown { CostYen = 10_000, GeneralRevenueYen = 10_000 },
        })).Line;

        await RpcAssert.FailsWith(StatusCode.NotFound, () => system.Budgets.GetAuditTrailAsync(new GetAuditTrailRequest
        {
            MunicipalityCode = KomoroItems.Komoro, RecordType = "budget_line", RecordId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => system.Budgets.GetAuditTrailAsync(new GetAuditTrailRequest
        {
            MunicipalityCode = "35203", RecordType = "budget_line", RecordId = line.Id,
        }).ResponseAsync);
        var wrongKind =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => system.Budgets.GetAuditTrailAsync(new GetAuditTrailRequest
            {
                MunicipalityCode = KomoroItems.Komoro, RecordType = "item", RecordId = line.Id,
            }).ResponseAsync);
        Assert.Contains("budget_line, reservation", RpcAssert.FieldViolations(wrongKind)["record_type"]);
    }

    [Fact]
    public void EveryAuditedRecordTypeBelongsToAMunicipality()
    {
        using var db = system.OpenDatabase();
        Assert.Equal(["budget_line", "reservation", "staff_time", "staff_unit_cost"],
            AuditTrail.RecordTypes(db.Model).Order(StringComparer.Ordinal));
        Assert.Empty(AuditTrail.RecordTypesWithoutMunicipality(db.Model));
    }

    [Fact]
    public void TheAuditInterceptorRunsAfterTheVersionCountersAndTheOutboxSignalAndBeforeSavepointsAreTurnedOff() =>
        Assert.Equal(SaveInterceptors.OfAnAuditingService, SaveInterceptors.Of<Data.BudgetDbContext>(system.BudgetService.Services));
}
