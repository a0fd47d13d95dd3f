using Kyodo.Contracts;
using Kyodo.Contracts.Plan;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// Five items of seed 003 (山口市協働推進プラン, H20–H24) as the plan service would publish them:
/// their departments, implementing bodies, stakeholders (Ⅱ-(2)-⑤ with その他（小学4年生）) and
/// schedules, three of them re-listed under a second measure (【再掲】). Each item is created with
/// an older, different state and then updated; the whole stream is shuffled and every event sent twice.
/// </summary>
internal sealed record YamaguchiPlan(Guid PlanId, Guid Kyodo, Guid Shogai, Guid Gyokaku, Guid Kankei)
{
    public static readonly DateTimeOffset At = new(2008, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    /// <summary>The newest change of 生涯学習課's items, and the newest of all (ラウンドテーブル, 協働推進課・関係課).</summary>
    public static readonly DateTimeOffset ShogaiNewestAt = At.AddMinutes(8), NewestAt = At.AddMinutes(10);

    public static async Task<YamaguchiPlan> PublishAsync(ReportingServiceFixture fixture, string municipality, int shuffleSeed = 3)
    {
        var planId = Guid.NewGuid();
        var (kyodo, shogai, gyokaku, kankei) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (i1, i2, ii2, ii4, iv2, v2) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        DepartmentInCharge D(Guid id) => new(id, id == kyodo ? "協働推進課" : id == shogai ? "生涯学習課" : id == gyokaku ? "行革推進課" : "関係課");
        static ScheduleCellSnapshot[] Years(params string[] stages) =>
            stages.Select((s, i) => new ScheduleCellSnapshot(1, "", 2008 + i, s.Length == 0 ? [] : s.Split('・'))).ToArray();
        ItemSnapshot Item(string title, Guid[] departments, string[] bodies, string[] stakeholders, string other,
            PlacementSnapshot[] placements, ScheduleCellSnapshot[] schedule) =>
            new(Guid.NewGuid(), planId, 2, title, "New", departments.Select(D).ToList(), bodies, stakeholders, other, "", "", "", "", "",
                null, null, "None", [], [], "", placements, schedule, []);

        var items = new (ItemSnapshot Item, TimeSpan At)[]
        {
            (Item("地域交流センターの設置", [kyodo, shogai, gyokaku], ["行政"], ["Citizens", "LocalCommunity", "CivicGroups"], "",
                [new(i1, "①", true, "Ⅰ-(1)-①")], Years("検討", "実施・完了予定", "", "", "")), TimeSpan.FromMinutes(5)),
            (Item("市民活動交流事業補助金の見直し", [kyodo], ["行政"], ["CivicGroups"], "",
                [new(i2, "⑤", true, "Ⅰ-(2)-⑤"), new(iv2, "①", false, "Ⅳ-(2)-①")], Years("検討", "実施", "→", "→", "→")),
                    TimeSpan.FromMinutes(6)),
            (Item("お気軽講座の充実", [shogai, kankei], ["行政"], ["Citizens"], "",
                [new(ii2, "③", true, "Ⅱ-(2)-③"), new(v2, "②", false, "Ⅴ-(2)-②")], Years("実施", "→", "→", "→", "→")), ShogaiNewestAt - At),
            (Item("協働によるまちづくりの副読本作成", [kyodo], ["行政"], ["Other"], "小学4年生",
                [new(ii2, "⑤", true, "Ⅱ-(2)-⑤")], Years("検討", "実施", "→", "→", "→")), TimeSpan.FromMinutes(7)),
            (Item("協働ラウンドテーブル（情報交換・交流・協議の場）の開催", [kyodo, kankei], ["行政", "地域コミュニティ", "市民活動団体", "事業者", "教育機関"],
                ["LocalCommunity", "CivicGroups", "Businesses", "Education", "Government"], "",
                [new(ii4, "②", true, "Ⅱ-(4)-②"), new(iv2, "③", false, "Ⅳ-(2)-③")], Years("", "検討", "実施", "→", "→")), NewestAt - At),
        };

        var events = new List<IIntegrationEvent>
        {
            new PlanCreated(Guid.NewGuid(), At, municipality, planId, "山口市協働推進プラン", 2008, 2012, 1),
            new DepartmentChanged(Guid.NewGuid(), At, municipality, kyodo, "協働推進課", 1, false),
            new DepartmentChanged(Guid.NewGuid(), At, municipality, shogai, "生涯学習課", 1, false),
            new DepartmentChanged(Guid.NewGuid(), At, municipality, gyokaku, "行革推進課", 1, false),
            new DepartmentChanged(Guid.NewGuid(), At, municipality, kankei, "関係課", 1, false),
        };
        foreach (var (item, at) in items)
        {
            // The first state: another title, only the primary placement, another schedule and no other-text.
            var first = item with
            {
                Revision = 1,
                Title = "（仮）" + item.Title,
                Placements = [item.Placements[0]],
                TargetOther = "",
                Schedule = [new ScheduleCellSnapshot(1, "", 2008, ["検討"])],
                ImplementingBodies = [],
            };
            events.Add(new ItemCreated(Guid.NewGuid(), At.AddMinutes(1), municipality, first));
            events.Add(new ItemUpdated(Guid.NewGuid(), At.Add(at), municipality, item));
        }

        var shuffled = events.Concat(events).ToArray();
        new Random(shuffleSeed).Shuffle(shuffled);
        await fixture.PublishAndWaitAsync(shuffled);
        return new YamaguchiPlan(planId, kyodo, shogai, gyokaku, kankei);
    }
}
