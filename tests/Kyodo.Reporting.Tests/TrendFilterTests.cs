using Grpc.Core;
using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// An account's cost trend narrowed to one plan's items and one department, the title naming
/// both; filters that mean nothing for a subject are refused naming the field.
/// </summary>
public sealed class TrendFilterTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private const string Komoro = "20208", Saku = "20217", Ueda = "20203";
    private const string Kikakuhi = "一般会計/2 総務費/1 総務管理費/4 企画費";
    private static readonly DateTimeOffset At = new(2019, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    private sealed record Published(Guid Jisshi, Guid Kyodo, Guid Kikaku, Guid Shimin, Guid UedaPlan, Guid UedaDepartment);

    /// <summary>
    /// Two plans of <paramref name="home"/> and their items on 企画費 (000: 市民協働推進事業 33,916 千円 of 企画課 in the
    /// 実施計画; 市民活動支援事業 7,320 千円 of 企画課 in the test's own 協働推進計画; the test's own
    /// 地域活動事業 1,200 千円 of 市民課 in the 実施計画), a line whose item reporting has not heard of, and Ueda's plan.
    /// </summary>
    private async Task<Published> PublishAsync(string home)
    {
        var (jisshi, kyodo, uedaPlan) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (kikaku, shimin, uedaDepartment) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        ItemSnapshot Item(Guid plan, string title, Guid department, string departmentName) => new(Guid.NewGuid(), plan, 1, title,
            "Continuing",
            [new DepartmentInCharge(department, departmentName)], [], [], "", "", "", "", "", "", null, null, "None", [], [], "", [], [],
                []);
        var (suishin, shien, chiiki) =
            (Item(jisshi, "市民協働推進事業", kikaku, "企画課"), Item(kyodo, "市民活動支援事業", kikaku, "企画課"), Item(jisshi, "地域活動事業", shimin, "市民課"));
        BudgetLineCreated Line(Guid itemId, string title, Guid department, string departmentName, long cost, long other, int minutes,
            string? code = null) =>
            new(Guid.NewGuid(), At.AddMinutes(minutes), code ?? home, new BudgetLineSnapshot(Guid.NewGuid(), itemId, title, department,
                departmentName, 2019, Kikakuhi, "Initial", 0, new FundingAmounts(cost, 0, 0, other, cost - other), 1));

        IIntegrationEvent[] events =
        [
            Line(suishin.ItemId, suishin.Title, kikaku, "企画課", 33_916_000, 1_000, 4),
            Line(shien.ItemId, shien.Title, kikaku, "企画課", 7_320_000, 347_000, 5),
            Line(chiiki.ItemId, chiiki.Title, shimin, "市民課", 1_200_000, 0, 6),
            Line(Guid.NewGuid(), "まだ届かない事業", kikaku, "企画課", 50_000, 0, 9), // its item's event is still on its way
            new ItemCreated(Guid.NewGuid(), At.AddMinutes(1), home, suishin),
            new ItemCreated(Guid.NewGuid(), At.AddMinutes(2), home, shien),
            new ItemCreated(Guid.NewGuid(), At.AddMinutes(3), home, chiiki),
            new PlanCreated(Guid.NewGuid(), At, home, jisshi, "小諸市 実施計画", 2019, 2021, 1),
            new PlanCreated(Guid.NewGuid(), At, home, kyodo, "小諸市 協働推進計画", 2019, 2021, 1),
            new DepartmentChanged(Guid.NewGuid(), At, home, kikaku, "企画課", 1, false),
            new PlanCreated(Guid.NewGuid(), At, Ueda, uedaPlan, "上田市 計画", 2019, 2021, 1),
            new DepartmentChanged(Guid.NewGuid(), At, Ueda, uedaDepartment, "企画課", 1, false),
            Line(Guid.NewGuid(), "上田の事業", uedaDepartment, "企画課", 9_000_000, 0, 7, Ueda),
        ];
        await fixture.PublishAndWaitAsync([.. events.Reverse(), .. events]);
        return new Published(jisshi, kyodo, kikaku, shimin, uedaPlan, uedaDepartment);
    }

    private static TrendRequest Account(Guid? plan = null, Guid? department = null, string municipality = Komoro) => new()
    {
        MunicipalityCode = municipality, AccountPath = "一般会計/2 総務費", PlanId = plan?.ToString() ?? "",
        DepartmentId = department?.ToString() ?? "",
    };

    [Fact]
    public async Task AnAccountsCostTrendOfOnePlanCountsOnlyThatPlansItemsAndItsTitleNamesThePlanAndTheDepartment()
    {
        var published = await PublishAsync(Komoro);

        var all = await fixture.Client.GetTrendAsync(Account());
        var jisshi = await fixture.Client.GetTrendAsync(Account(published.Jisshi));
        var kyodo = await fixture.Client.GetTrendAsync(Account(published.Kyodo));
        var jisshiKikaku = await fixture.Client.GetTrendAsync(Account(published.Jisshi, published.Kikaku));

        Assert.Equal("推移 事業費 一般会計/2 総務費", all.Title);
        Assert.Equal([["FY2019 (令和元年度)", "4", "42486000", "0", "0", "348000", "42138000"]], all.Tables[0].Texts());

        Assert.Equal("推移 事業費 一般会計/2 総務費（計画 小諸市 実施計画）", jisshi.Title);
        Assert.Equal([["FY2019 (令和元年度)", "2", "35116000", "0", "0", "1000", "35115000"]], jisshi.Tables[0].Texts());
        Assert.Equal(At.AddMinutes(6), jisshi.AsOf.ToDateTimeOffset()); // not the newer line of an item of no known plan

        Assert.Equal("推移 事業費 一般会計/2 総務費（計画 小諸市 協働推進計画）", kyodo.Title);
        Assert.Equal([["FY2019 (令和元年度)", "1", "7320000", "0", "0", "347000", "6973000"]], kyodo.Tables[0].Texts());

        Assert.Equal("推移 事業費 一般会計/2 総務費（計画 小諸市 実施計画、担当課 企画課）", jisshiKikaku.Title);
        Assert.Equal([["FY2019 (令和元年度)", "1", "33916000", "0", "0", "1000", "33915000"]], jisshiKikaku.Tables[0].Texts());

        // 市民課 has no row of its own yet: its lines name it.
        var shimin = await fixture.Client.GetTrendAsync(Account(department: published.Shimin));
        Assert.Equal("推移 事業費 一般会計/2 総務費（担当課 市民課）", shimin.Title);
        Assert.Equal("1200000", shimin.Tables[0].Texts()[0][2]);
    }

    [Fact]
    public async Task AnAccountsCostTrendOfOnePlanLeavesOutTheLinesOfItsDeletedItems()
    {
        const string code = "20218";
        var (plan, kikaku) = (Guid.NewGuid(), Guid.NewGuid());
        ItemSnapshot Item(string title) => new(Guid.NewGuid(), plan, 1, title, "Continuing", [new DepartmentInCharge(kikaku, "企画課")], [],
            [], "", "", "", "", "", "", null, null, "None", [], [], "", [], [], []);
        var (kept, dropped) = (Item("市民協働推進事業"), Item("廃止した事業"));
        BudgetLineCreated Line(ItemSnapshot item, long cost) => new(Guid.NewGuid(), At, code, new BudgetLineSnapshot(Guid.NewGuid(),
            item.ItemId, item.Title, kikaku, "企画課", 2019, Kikakuhi, "Initial", 0, new FundingAmounts(cost, 0, 0, 0, cost), 1));
        await fixture.PublishAndWaitAsync(new PlanCreated(Guid.NewGuid(), At, code, plan, "協働推進計画", 2019, 2021, 1),
            new ItemCreated(Guid.NewGuid(), At, code, kept), new ItemCreated(Guid.NewGuid(), At, code, dropped), Line(kept, 1_000_000),
            Line(dropped, 9_000_000));
        // The item is deleted; its line stays in the budget service (and in the read model).
        await fixture.PublishAndWaitAsync(new ItemDeleted(Guid.NewGuid(), At.AddMinutes(1), code, dropped.ItemId, plan, 2));

        var trend = await fixture.Client.GetTrendAsync(Account(plan, municipality: code));

        Assert.Equal([["FY2019 (令和元年度)", "1", "1000000", "0", "0", "0", "1000000"]], trend.Tables[0].Texts());
    }

    [Fact]
    public async Task AnotherMunicipalitysPlanOrDepartmentInAnAccountTrendAnswersLikeAMissingOne()
    {
        var published = await PublishAsync(Saku);

        await AccessAssert.LikeMissing("GetTrend", published.UedaPlan.ToString(),
            id => fixture.Client.GetTrendAsync(Account(Guid.Parse(id), municipality: Saku)).ResponseAsync);
        await AccessAssert.LikeMissing("GetTrend", published.UedaDepartment.ToString(),
            id => fixture.Client.GetTrendAsync(Account(department: Guid.Parse(id), municipality: Saku)).ResponseAsync);
        var plan = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => fixture.Client.GetTrendAsync(Account(published.UedaPlan, municipality: Saku)).ResponseAsync);
        Assert.Contains("plan", plan.Status.Detail);
    }

    [Fact]
    public async Task APlanFilterForAnIndicatorAnItemOrASubsidyProgramMeansNothingAndIsRefusedNamingTheField()
    {
        var planId = Guid.NewGuid().ToString();
        foreach (var request in new[]
        {
            new TrendRequest { MunicipalityCode = Komoro, IndicatorId = Guid.NewGuid().ToString(), PlanId = planId },
            new TrendRequest { MunicipalityCode = Komoro, ItemId = Guid.NewGuid().ToString(), PlanId = planId },
            new TrendRequest { MunicipalityCode = Komoro, SubsidyProgramId = Guid.NewGuid().ToString(), PlanId = planId },
        })
        {
            var bad = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.GetTrendAsync(request).ResponseAsync);
            Assert.Equal(["plan_id"], RpcAssert.FieldViolations(bad).Keys);
            Assert.Contains("account_path", RpcAssert.FieldViolations(bad)["plan_id"]);
        }

        var both = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.GetTrendAsync(new TrendRequest
        {
            MunicipalityCode = Komoro, ItemId = Guid.NewGuid().ToString(), PlanId = planId,
            DepartmentId = Guid.NewGuid().ToString()
        }).ResponseAsync);
        Assert.Equal(["department_id", "plan_id"], RpcAssert.FieldViolations(both).Keys.Order());
        var malformed = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.GetTrendAsync(new TrendRequest
        { MunicipalityCode = Komoro, AccountPath = "一般会計", PlanId = "小諸市 実施計画" }).ResponseAsync);
        Assert.Equal(["plan_id"], RpcAssert.FieldViolations(malformed).Keys);
    }
}
