using System.Runtime.CompilerServices;
using Grpc.Core;
using Kyodo.Plan.Tests.Seeds;
using Kyodo.Plan.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>
/// The Kodaira seed plan (小平市 行財政再構築 推進項目, 2016) imported in one batch and read back
/// field for field. The expected values below are written out from the document again, not
/// taken from <see cref="KodairaPlan"/>, so a slip in either shows.
/// </summary>
public sealed class KodairaImportTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    private const string Kodaira = "13211";
    private const string PlanName = "小平市 行財政再構築プラン 推進項目";

    // The tests of this class share one database (one fixture) and run one after another in no
    // set order: the seed is imported once, by whichever test needs it first.
    private static readonly ConditionalWeakTable<PlanServiceFixture, Task<ImportPlanResponse>> Imports = new();

    private Task<ImportPlanResponse> ImportOnceAsync() =>
        Imports.GetValue(fixture, f => f.Client.ImportPlanAsync(KodairaPlan.Request()).ResponseAsync);

    private sealed record ExpectedIndicator(string Name, string Unit, IndicatorDirection Direction,
        params (int FiscalYear, string Value)[] Targets);

    private sealed record ExpectedItem(
        string Code,
        string Title,
        string[] Departments,
        string Purpose,
        string Content,
        string ExpectedEffects,
        ExpectedIndicator[] Indicators,
        string[] ScheduleLabels);

    private static ExpectedIndicator Higher(string name, string unit, params (int, string)[] targets) =>
        new(name, unit, IndicatorDirection.HigherIsBetter, targets);

    private static readonly ExpectedItem[] Expected =
    [
        new("No. 1", "協働推進体制の充実", ["市民協働・男女参画推進課"],
            "市民活動を支援し、協働推進体制の充実を図る",
            "市民活動支援センターの活性化\n研修等の啓発活動\n市民活動支援公募事業及びいきいき協働事業提案制度の実施\n"
            + "市内大学同士の交流、大学と市民活動団体の交流等を通じ、大学と地域の連携・協働による様々な事業を進める",
            "市民活動の育成・支援の充実",
            [
                Higher("市民活動支援センター来場者数", ""),
                Higher("協働事業数", ""),
                Higher("市との協働事業数", "", (2020, "60")),
                Higher("大学との協働事業数", "", (2020, "25")),
                Higher("市民活動支援公募事業応募数", "", (2020, "5")),
                Higher("いきいき協働公募事業応募数", "", (2020, "2")),
            ],
            ["市民活動支援センターの活性化", "研修等の啓発活動", "市民活動事業の実施", "市内大学との連携の活用"]),
        new("No. 2", "協働事業の推進", ["文化スポーツ課", "防災危機管理課", "地域安全課", "高齢者支援課", "道路課", "健康推進課", "図書館"],
            "ボランティア活動を推進し、協働事業の充実を図る",
            "スポーツボランティア、介護予防見守りボランティア、道路ボランティア、地域健康づくり推進員、図書館ボランティアとの協働\n"
            + "防災訓練\n振り込め詐欺被害防止キャンペーンの実施・地域防犯講座の実施",
            "ボランティア制度の充実\n地域防災体制の充実\n地域防犯体制の充実",
            [
                Higher("ボランティア参加者数", "人", (2020, "2094")),
                Higher("総合防災訓練参加者数", "人", (2020, "1300")),
                Higher("振り込め詐欺被害防止キャンペーン参加者数", "人", (2020, "1750")),
                Higher("防犯講座参加者数", "人", (2020, "50")),
            ],
            [
                "スポーツボランティア、介護予防見守りボランティア、道路ボランティア、地域健康づくり推進員、図書館ボランティアとの協働",
                "防災訓練",
                "振り込め詐欺被害防止キャンペーン・地域防犯講座",
            ]),
        new("No. 3", "こだいら観光まちづくり協会運営支援", ["産業振興課"],
            "こだいら観光まちづくり振興プランの推進主体であるこだいら観光まちづくり協会を支援し、小平市における観光まちづくり事業の振興を図り、"
            + "地域経済の活性化を促進するとともに「訪れたい、住み続けたい」と思われる観光まちづくりを推進する",
            "小平市観光まちづくり振興プランの推進",
            "小平市観光まちづくり振興プランの推進によって、地域の活性化が図れる",
            [Higher("小平市観光まちづくり振興プラン達成状況", "")],
            ["小平市観光まちづくり振興プランの推進"]),
        new("No. 4", "意識啓発・情報提供の推進", ["資源循環課"],
            "3Rの推進、ごみと資源の分別の徹底等の適正処理の促進に向けて、市民への情報提供、意識啓発活動の充実を図る。",
            "ごみらいふ（年2回発行の情報誌）や市報などによるごみ減量等の広報活動や、市内スーパーマーケット店頭やリサイクルきやらばん、"
            + "環境フェスティバル等のイベントでの啓発活動を廃棄物減量等推進員（クリーンメイトこだいら）やごみ減量推進実行委員との協働で継続的に実施する",
            "3Rの推進や適正処理に向けた市民の意識向上、取り組みの普及",
            [new("市民一人1日当たりごみ量", "g/人日", IndicatorDirection.LowerIsBetter, (2022, "480"))],
            ["ごみ減量等の啓発活動"]),
        new("No. 5", "アダプト制度の推進", ["水と緑と公園課"],
            "アダプト制度を活用し、地域コミュニティの形成及び公園等の景観維持を図る",
            "公園ボランティアに参加している団体をアダプト制度に移行し、公園等に対して責任を持って維持管理に取り組んでもらうようにレベルアップする",
            "公園の活性化および安全の確保",
            [Higher("参加団体数", "団体", (2020, "10"))],
            ["アダプト制度参加団体への公園に関する講習会の実施"]),
        new("No. 6", "地域と学校の連携・協働の推進", ["指導課", "地域学習支援課"],
            "地域と学校がともに子どもたちを育む体制の維持・推進を図る",
            "指定校・家庭・地域との協働によりコミュニティ・スクールの取組を実践し、「地域に開かれた学校づくり」、「地域とともにある学校づくり」の推進を図る\n"
            + "学校支援ボランティア及びコーディネーターの養成講座・研修を実施し、学校支援人材の確保及びスキルアップを図る",
            "地域との連携による学校経営の改善、学力・学習意欲の向上、生徒指導上の課題の解決\n地域の教育力の向上、学校を核とした地域活性化",
            [Higher("協議会開催回数", "回／年", (2020, "94")), Higher("学校支援ボランティア養成講座数", "回／年", (2020, "85"))],
            ["学校経営協議会", "学校支援ボランティア養成講座"]),
        new("No. 7", "地域コミュニティの推進", ["政策課", "市民協働・男女参画推進課"],
            "地域課題の情報共有を図り、地域自らが安全・安心できるまちづくりを進めるための支援を行う。",
            "地域の課題解決に向けた取り組みの支援\n地域コミュニティの場の設定\n自治会に対する支援",
            "地域自治の推進\n地域の課題の効果的な解決\n地域での「かお」と「かお」がつながり、元気で、活気あるまちの形成",
            [Higher("地域連携のための会議を4地区以上で実施", "地区", (2020, "4"))],
            ["地域の課題解決に向けた取り組みの支援", "地域コミュニティの場の設定", "自治会に対する支援"]),
    ];

    private static readonly string[] DistinctDepartments =
    [
        "市民協働・男女参画推進課", "文化スポーツ課", "防災危機管理課", "地域安全課", "高齢者支援課", "道路課", "健康推進課", "図書館",
        "産業振興課", "資源循環課", "水と緑と公園課", "指導課", "地域学習支援課", "政策課",
    ];

    [Fact]
    public async Task KodairasSevenItemsImportInOneBatchAndReadBackFieldForField()
    {
        var imported = await ImportOnceAsync();
        Assert.Equal(2, imported.NodeCount);
        Assert.Equal(7, imported.ItemCount);
        var plan = imported.Plan;
        Assert.Equal((Kodaira, PlanName, 2017, 2020), (plan.MunicipalityCode, plan.Name, plan.StartFiscalYear, plan.EndFiscalYear));

        // The hierarchy: 1 地域協働の推進 › (1) 協働事業の更なる推進.
        var nodes = (await fixture.Client.ListNodesAsync(new ListNodesRequest { PlanId = plan.Id })).Nodes;
        Assert.Equal(2, nodes.Count);
        var (policy, measure) = (nodes[0], nodes[1]);
        Assert.Equal((plan.Id, "", "推進方針", "1", "地域協働の推進", 1, 0),
            (policy.PlanId, policy.ParentId, policy.LevelName, policy.Code, policy.Title, policy.Position, policy.Depth));
        Assert.Equal((plan.Id, policy.Id, "取組", "1", "協働事業の更なる推進", 1, 1),
            (measure.PlanId, measure.ParentId, measure.LevelName, measure.Code, measure.Title, measure.Position, measure.Depth));

        var listed = await fixture.Client.ListItemsAsync(new ListItemsRequest { MunicipalityCode = Kodaira, PlanId = plan.Id });
        Assert.Equal(7, listed.TotalCount);
        Assert.Equal(7, listed.Items.Count);
        Assert.Equal("", listed.Page.NextPageToken);
        Assert.Equal(Expected.Select(e => e.Code).Order(StringComparer.Ordinal),
            listed.Items.Select(i => Assert.Single(i.Placements).Code).Order(StringComparer.Ordinal));

        var departmentIds = new Dictionary<string, string>();
        foreach (var expected in Expected)
        {
            var item = listed.Items.Single(i => i.Placements[0].Code == expected.Code);
            AssertItem(expected, item, plan.Id, measure.Id, departmentIds);
            // GetItem answers the very same item.
            Assert.Equal(item, (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item);
        }

        await using var db = fixture.OpenDatabase();
        var planId = Guid.Parse(plan.Id);
        Assert.Equal(7, await db.Items.CountAsync(i => i.PlanId == planId));
        var stored = await db.Departments.Where(d => d.MunicipalityCode == Kodaira).Select(d => d.Name).ToListAsync();
        Assert.Equal(DistinctDepartments.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ImportingKodairasPlanAgainIsRejectedAsAlreadyExistingAndChangesNothing()
    {
        var first = await ImportOnceAsync();
        await using var db = fixture.OpenDatabase();
        var itemsBefore = await db.Items.CountAsync();
        var departmentsBefore = await db.Departments.CountAsync();

        var ex = await RpcAssert.FailsWith(StatusCode.AlreadyExists,
            () => fixture.Client.ImportPlanAsync(KodairaPlan.Request()).ResponseAsync);
        Assert.Contains(PlanName, ex.Status.Detail);

        Assert.Equal(itemsBefore, await db.Items.CountAsync());
        Assert.Equal(7, await db.Items.CountAsync(i => i.PlanId == Guid.Parse(first.Plan.Id)));
        Assert.Equal(departmentsBefore, await db.Departments.CountAsync());
        Assert.Equal(first.Plan.Id, (await db.Plans.SingleAsync(p => p.MunicipalityCode == Kodaira && p.Name == PlanName)).Id.ToString());
    }

    [Fact]
    public async Task KodairasPlanWithAnItemUnderAMissingNodeAndACellOutsideThePeriodIsRejectedNamingBothAndNothingIsStored()
    {
        await using var db = fixture.OpenDatabase();
        var itemsBefore = await db.Items.CountAsync();
        var nodesBefore = await db.Nodes.CountAsync();
        var departmentsBefore = await db.Departments.CountAsync();

        var broken = KodairaPlan.Request();
        broken.Name = PlanName + "（誤りを含む写し）";
        // No. 7 under 1 › 2, which the plan does not have.
        broken.Items[6].Placements[0].NodePath.Clear();
        broken.Items[6].Placements[0].NodePath.AddRange(["1", "2"]);
        // No. 5's 講習会: its → moved to 平成40年度 (FY2028), after the period 平成29年度–平成32年度.
        broken.Items[4].Schedule[0].Cells[3].FiscalYear = "平成40年度";

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.ImportPlanAsync(broken).ResponseAsync);

        var violations = RpcAssert.FieldViolations(ex);
        Assert.Equal(["items[4].schedule[0].cells[3].fiscal_year", "items[6].placements[0].node_path"],
            violations.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("outside the plan's period", violations["items[4].schedule[0].cells[3].fiscal_year"]);
        Assert.Contains("no node", violations["items[6].placements[0].node_path"]);

        Assert.False(await db.Plans.AnyAsync(p => p.Name == broken.Name));
        Assert.Equal(itemsBefore, await db.Items.CountAsync());
        Assert.Equal(nodesBefore, await db.Nodes.CountAsync());
        Assert.Equal(departmentsBefore, await db.Departments.CountAsync());
    }

    /// <summary>Every field of an item read back against the document.</summary>
    private static void AssertItem(ExpectedItem expected, Item item, string planId, string nodeId, Dictionary<string, string> departmentIds)
    {
        Assert.Equal((planId, Kodaira), (item.PlanId, item.MunicipalityCode));

        var f = item.Fields;
        Assert.Equal(expected.Title, f.Title);
        Assert.Equal(expected.Departments, f.Departments);
        Assert.Equal(expected.Purpose, f.Purpose);
        Assert.Equal(expected.Content, f.Content);
        Assert.Equal(expected.ExpectedEffects, f.ExpectedEffects);
        // What the document does not print stays empty.
        Assert.Equal(ItemNovelty.Unspecified, f.Novelty);
        Assert.Empty(f.ImplementingBodies);
        Assert.Empty(f.TargetStakeholders);
        Assert.Equal(("", "", ""), (f.TargetOther, f.CurrentState, f.CompletionCriterion));
        Assert.Null(f.Rank);
        Assert.Equal(MayoralPledge.Unspecified, f.MayoralPledge);
        Assert.Empty(f.LinkedPlans);
        Assert.Empty(f.YearlyGoals);
        Assert.Empty(item.YearlyGoals);
        Assert.Equal("", f.SpecialNotes);

        // Departments with their ids, lead first; a department shared by two items is one department.
        Assert.Equal(expected.Departments, item.Departments.Select(d => d.Name));
        foreach (var department in item.Departments)
        {
            Assert.Equal(Kodaira, department.MunicipalityCode);
            Assert.True(Guid.TryParse(department.Id, out _));
            if (departmentIds.TryGetValue(department.Name, out var seen)) Assert.Equal(seen, department.Id);
            else departmentIds[department.Name] = department.Id;
        }

        var placement = Assert.Single(item.Placements);
        Assert.Equal((nodeId, expected.Code, true, "1-1-" + expected.Code),
            (placement.NodeId, placement.Code, placement.Primary, placement.Reference));

        // Every row: 実施 in 平成29年度, nothing in 平成30・31年度, → in 平成32年度.
        Assert.Equal(expected.ScheduleLabels, item.Schedule.Select(r => r.Label));
        foreach (var row in item.Schedule)
        {
            Assert.Equal([2017, 2020], row.Cells.Select(c => c.FiscalYear));
            Assert.Equal(["実施"], row.Cells[0].Stages);
            Assert.Equal(["→"], row.Cells[1].Stages);
        }

        Assert.Equal(expected.Indicators.Length, item.Indicators.Count);
        for (var i = 0; i < expected.Indicators.Length; i++)
        {
            var (want, got) = (expected.Indicators[i], item.Indicators[i]);
            Assert.Equal((item.Id, IndicatorKind.Outcome, want.Name, want.Unit, want.Direction, i + 1),
                (got.ItemId, got.Kind, got.Name, got.Unit, got.Direction, got.Position));
            Assert.Equal(want.Targets, got.Targets.Select(t => (t.FiscalYear, t.Value)));
            Assert.Equal(("", 0), (got.BaselineValue, got.BaselineFiscalYear));
            Assert.Empty(got.Actuals);
            Assert.Empty(got.Revisions);
        }
    }
}
