using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;
using Kyodo.Testing;

namespace Kyodo.Plan.Tests;

public sealed class PriorityGoalTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    // 上田市 市民参加協働部・上田地域自治C, 平成30年度重点目標 1 (seed 002).
    private static PriorityGoalInput UedaGoal() => new()
    {
        MunicipalityCode = "20203",
        Department = "市民参加協働部・上田地域自治C",
        FiscalYear = "平成30年度",
        Title = "地域内分権の確立に向けた地域主体の自治の推進",
        Items =
        {
            new PriorityGoalItem { Number = "①", Text = "住民自治組織の設立促進と組織運営、活動への支援", Target = "年度末まで" },
            new PriorityGoalItem { Number = "④", Text = "地域協議会のあり方について検討", Target = "第7期(H30~H31)の間" },
        },
    };

    [Fact]
    public async Task AGoalWithItsNumberedItemsIsStoredListedByDepartmentAndYearAndPublished()
    {
        var goal = (await fixture.Client.CreatePriorityGoalAsync(new CreatePriorityGoalRequest { Goal = UedaGoal() })).Goal;

        var listed = (await fixture.Client.ListPriorityGoalsAsync(new ListPriorityGoalsRequest
        {
            MunicipalityCode = "20203", DepartmentId = goal.Department.Id, FiscalYear = "H30",
        })).Goals.Single();
        Assert.Equal((2018, 1, "市民参加協働部・上田地域自治C"), (listed.FiscalYear, listed.Position, listed.Department.Name));
        Assert.Equal(["①:年度末まで", "④:第7期(H30~H31)の間"], listed.Items.Select(i => $"{i.Number}:{i.Target}"));
        var (published, _) = await fixture.Events.WaitForAsync<PriorityGoalChanged>(e => e.GoalId == Guid.Parse(goal.Id));
        Assert.Equal((2, false), (published.Items.Count, published.Deleted));
    }

    [Fact]
    public async Task AchievementAfterTheYearIsRecordedByUpdateAndAStaleUpdateIsAborted()
    {
        var input = UedaGoal();
        input.FiscalYear = "平成29年度";
        input.Title = "地域内分権確立に向けた地域の自治の推進";
        var goal = (await fixture.Client.CreatePriorityGoalAsync(new CreatePriorityGoalRequest { Goal = input })).Goal;
        input.Items[0].Achievement = "H29年度設立の城下、川辺泉田、塩田、真田の4組織と合わせ9組織の活動を支援";

        var updated = (await fixture.Client.UpdatePriorityGoalAsync(
            new UpdatePriorityGoalRequest { Id = goal.Id, Version = goal.Version, Goal = input })).Goal;
        await RpcAssert.FailsWith(StatusCode.Aborted, () => fixture.Client.UpdatePriorityGoalAsync(
            new UpdatePriorityGoalRequest { Id = goal.Id, Version = goal.Version, Goal = UedaGoal() }).ResponseAsync);

        var stored = (await fixture.Client.GetPriorityGoalAsync(new GetPriorityGoalRequest { Id = goal.Id })).Goal;
        Assert.Equal(updated.Items[0].Achievement, stored.Items[0].Achievement);
        Assert.Equal(2017, stored.FiscalYear);
    }
}
