using Kyodo.Common.V1;
using Kyodo.Plan.V1;

namespace Kyodo.Plan.Tests.Seeds;

/// <summary>
/// 小平市 行財政再構築 推進項目 (行財政再構築推進委員会 資料3, 平成28年8月25日), transcribed from
/// /work/shared/seeds/004_125ec692e7a8af3a.txt: the seven items of
/// "1 地域協働の推進 › 協働事業の更なる推進" with their indicators (成果指標) and schedules
/// (実施内容, 平成29年度–平成32年度), as one <see cref="ImportPlanRequest"/>.
/// </summary>
/// <remarks>
/// Reading choices where the extracted text is not explicit:
/// <list type="bullet">
/// <item>Hierarchy: "1 地域協働の推進" is a root node, level "推進方針", code "1". The sub-heading
/// "協働事業の更なる推進" carries no printed code; codes are required, so it gets level "取組" and
/// code "1" (the only sub-heading under 1). Items hang under it as "No. 1" … "No. 7", so their
/// references read "1-1-No. 1" … "1-1-No. 7". Item 3 prints No. and 3 in separate table cells;
/// it is given "No. 3" like the others.</item>
/// <item>Multi-line text cells (取組概要, and 見込まれる効果 where the extraction ran several
/// effects together with spaces) are joined with "\n", one printed line or effect per line.
/// The effects of items 2, 6 and 7 line up one for one with their 取組概要 lines.</item>
/// <item>Indicators are all 成果指標 (the document prints no 活動指標). A number printed without a
/// year is put on the plan's last year, 平成32年度; an indicator printed without a number gets no
/// target. Units are only those printed (人, 団体, 回／年, g/人日, 地区); none is guessed.
/// "目標" / "目標値" next to a number marks it as the target and is not part of the name.
/// All are higher-is-better except ごみ量 (480g/人日), whose target is for 平成34年度.</item>
/// <item>Schedules: one row per 実施内容 line, label without the leading "・", one cell per year
/// 平成29年度…平成32年度 with the text as printed (empty cells sent as empty text).</item>
/// </list>
/// </remarks>
public static class KodairaPlan
{
    public const string MunicipalityCode = "13211";
    public const string MunicipalityName = "小平市";
    public const string PlanName = "小平市 行財政再構築プラン 推進項目";

    private static readonly string[] Years = ["平成29年度", "平成30年度", "平成31年度", "平成32年度"];
    private const string LastYear = "平成32年度";

    /// <summary>Path of printed codes to the node every item sits under.</summary>
    public static readonly string[] ItemNodePath = ["1", "1"];

    public static ImportPlanRequest Request()
    {
        var request = new ImportPlanRequest
        {
            Municipality = new MunicipalityRef { Code = MunicipalityCode, Name = MunicipalityName },
            Name = PlanName,
            StartFiscalYear = "平成29年度",
            EndFiscalYear = "平成32年度",
            Nodes =
            {
                new ImportNode
                {
                    LevelName = "推進方針",
                    Code = "1",
                    Title = "地域協働の推進",
                    // Printed without a code: "1" is ours (see the remarks).
                    Children = { new ImportNode { LevelName = "取組", Code = "1", Title = "協働事業の更なる推進" } },
                },
            },
        };

        // No. 1
        request.Items.Add(Item(
            code: "No. 1",
            title: "協働推進体制の充実",
            departments: ["市民協働・男女参画推進課"],
            purpose: "市民活動を支援し、協働推進体制の充実を図る",
            content:
            [
                "市民活動支援センターの活性化",
                "研修等の啓発活動",
                "市民活動支援公募事業及びいきいき協働事業提案制度の実施",
                "市内大学同士の交流、大学と市民活動団体の交流等を通じ、大学と地域の連携・協働による様々な事業を進める",
            ],
            effects: ["市民活動の育成・支援の充実"],
            // 成果指標 "市民活動支援センター来場者数 協働事業数 (市との協働事業数：60) (大学との協働事業数：25)
            // (市民活動支援公募事業応募数：5) (いきいき協働公募事業応募数：2)": two names printed without a
            // number (no target), then four named counts with a number and no year or unit (target on
            // 平成32年度, no unit). 協働事業数 may be the heading of the four; it is kept as an indicator of
            // its own so that no printed name is lost.
            indicators:
            [
                Outcome("市民活動支援センター来場者数", ""),
                Outcome("協働事業数", ""),
                Outcome("市との協働事業数", "", target: "60"),
                Outcome("大学との協働事業数", "", target: "25"),
                Outcome("市民活動支援公募事業応募数", "", target: "5"),
                Outcome("いきいき協働公募事業応募数", "", target: "2"),
            ],
            schedule:
            [
                Row("市民活動支援センターの活性化", "実施", "", "", "→"),
                Row("研修等の啓発活動", "実施", "", "", "→"),
                Row("市民活動事業の実施", "実施", "", "", "→"),
                Row("市内大学との連携の活用", "実施", "", "", "→"),
            ]));

        // No. 2
        request.Items.Add(Item(
            code: "No. 2",
            title: "協働事業の推進",
            departments: ["文化スポーツ課", "防災危機管理課", "地域安全課", "高齢者支援課", "道路課", "健康推進課", "図書館"],
            purpose: "ボランティア活動を推進し、協働事業の充実を図る",
            content:
            [
                "スポーツボランティア、介護予防見守りボランティア、道路ボランティア、地域健康づくり推進員、図書館ボランティアとの協働",
                "防災訓練",
                "振り込め詐欺被害防止キャンペーンの実施・地域防犯講座の実施",
            ],
            effects: ["ボランティア制度の充実", "地域防災体制の充実", "地域防犯体制の充実"],
            indicators:
            [
                Outcome("ボランティア参加者数", "人", target: "2,094"),
                Outcome("総合防災訓練参加者数", "人", target: "1,300"),
                Outcome("振り込め詐欺被害防止キャンペーン参加者数", "人", target: "1,750"),
                Outcome("防犯講座参加者数", "人", target: "50"),
            ],
            // The extraction puts the three 実施内容 entries into one HTML list cell, followed by three
            // "実施 … →" rows: read as three rows, the list entries in order, each 実施 then →.
            schedule:
            [
                Row("スポーツボランティア、介護予防見守りボランティア、道路ボランティア、地域健康づくり推進員、図書館ボランティアとの協働", "実施", "", "", "→"),
                Row("防災訓練", "実施", "", "", "→"),
                Row("振り込め詐欺被害防止キャンペーン・地域防犯講座", "実施", "", "", "→"),
            ]));

        // No. 3 (printed as "No." and "3" in separate cells)
        request.Items.Add(Item(
            code: "No. 3",
            title: "こだいら観光まちづくり協会運営支援",
            departments: ["産業振興課"],
            purpose: "こだいら観光まちづくり振興プランの推進主体であるこだいら観光まちづくり協会を支援し、小平市における観光まちづくり事業の振興を図り、地域経済の活性化を促進するとともに「訪れたい、住み続けたい」と思われる観光まちづくりを推進する",
            content: ["小平市観光まちづくり振興プランの推進"],
            effects: ["小平市観光まちづくり振興プランの推進によって、地域の活性化が図れる"],
            // No number printed: no target.
            indicators: [Outcome("小平市観光まちづくり振興プラン達成状況", "")],
            schedule: [Row("小平市観光まちづくり振興プランの推進", "実施", "", "", "→")]));

        // No. 4
        request.Items.Add(Item(
            code: "No. 4",
            title: "意識啓発・情報提供の推進",
            departments: ["資源循環課"],
            purpose: "3Rの推進、ごみと資源の分別の徹底等の適正処理の促進に向けて、市民への情報提供、意識啓発活動の充実を図る。",
            content: ["ごみらいふ（年2回発行の情報誌）や市報などによるごみ減量等の広報活動や、市内スーパーマーケット店頭やリサイクルきやらばん、環境フェスティバル等のイベントでの啓発活動を廃棄物減量等推進員（クリーンメイトこだいら）やごみ減量推進実行委員"
                + "との協働で継続的に実施する"],
            effects: ["3Rの推進や適正処理に向けた市民の意識向上、取り組みの普及"],
            // "480g/人日 (市民一人1日当たりごみ量 平成34年度目標値)": the only target with a year, beyond the
            // plan's period; less is better.
            indicators:
            [
                Outcome("市民一人1日当たりごみ量", "g/人日", target: "480", targetYear: "平成34年度",
                    direction: IndicatorDirection.LowerIsBetter),
            ],
            schedule: [Row("ごみ減量等の啓発活動", "実施", "", "", "→")]));

        // No. 5
        request.Items.Add(Item(
            code: "No. 5",
            title: "アダプト制度の推進",
            departments: ["水と緑と公園課"],
            purpose: "アダプト制度を活用し、地域コミュニティの形成及び公園等の景観維持を図る",
            content: ["公園ボランティアに参加している団体をアダプト制度に移行し、公園等に対して責任を持って維持管理に取り組んでもらうようにレベルアップする"],
            effects: ["公園の活性化および安全の確保"],
            indicators: [Outcome("参加団体数", "団体", target: "10")],
            schedule: [Row("アダプト制度参加団体への公園に関する講習会の実施", "実施", "", "", "→")]));

        // No. 6
        request.Items.Add(Item(
            code: "No. 6",
            title: "地域と学校の連携・協働の推進",
            departments: ["指導課", "地域学習支援課"],
            purpose: "地域と学校がともに子どもたちを育む体制の維持・推進を図る",
            content:
            [
                "指定校・家庭・地域との協働によりコミュニティ・スクールの取組を実践し、「地域に開かれた学校づくり」、「地域とともにある学校づくり」の推進を図る",
                "学校支援ボランティア及びコーディネーターの養成講座・研修を実施し、学校支援人材の確保及びスキルアップを図る",
            ],
            effects:
            [
                "地域との連携による学校経営の改善、学力・学習意欲の向上、生徒指導上の課題の解決",
                "地域の教育力の向上、学校を核とした地域活性化",
            ],
            // "協議会開催回数目標 94 回／年", "学校支援ボランティア養成講座数目標 85 回／年": 目標 marks the target.
            indicators:
            [
                Outcome("協議会開催回数", "回／年", target: "94"),
                Outcome("学校支援ボランティア養成講座数", "回／年", target: "85"),
            ],
            schedule:
            [
                Row("学校経営協議会", "実施", "", "", "→"),
                Row("学校支援ボランティア養成講座", "実施", "", "", "→"),
            ]));

        // No. 7
        request.Items.Add(Item(
            code: "No. 7",
            title: "地域コミュニティの推進",
            departments: ["政策課", "市民協働・男女参画推進課"],
            purpose: "地域課題の情報共有を図り、地域自らが安全・安心できるまちづくりを進めるための支援を行う。",
            content:
            [
                "地域の課題解決に向けた取り組みの支援",
                "地域コミュニティの場の設定",
                "自治会に対する支援",
            ],
            effects:
            [
                "地域自治の推進",
                "地域の課題の効果的な解決",
                "地域での「かお」と「かお」がつながり、元気で、活気あるまちの形成",
            ],
            // "地域連携のための会議を4地区以上で実施": a sentence, kept whole as the name; its number
            // (4, unit 地区, "以上" = at least) is the target on 平成32年度.
            indicators: [Outcome("地域連携のための会議を4地区以上で実施", "地区", target: "4")],
            schedule:
            [
                Row("地域の課題解決に向けた取り組みの支援", "実施", "", "", "→"),
                Row("地域コミュニティの場の設定", "実施", "", "", "→"),
                Row("自治会に対する支援", "実施", "", "", "→"),
            ]));

        return request;
    }

    private static ImportItem Item(string code, string title, string[] departments, string purpose, string[] content,
        string[] effects, IndicatorInput[] indicators, ScheduleRowInput[] schedule)
    {
        var fields = new ItemFields
        {
            Title = title,
            Purpose = purpose,
            Content = string.Join("\n", content),
            ExpectedEffects = string.Join("\n", effects),
        };
        fields.Departments.AddRange(departments);
        var item = new ImportItem { Fields = fields };
        var placement = new ImportPlacement { Code = code };
        placement.NodePath.AddRange(ItemNodePath);
        item.Placements.Add(placement);
        item.Schedule.AddRange(schedule);
        item.Indicators.AddRange(indicators);
        return item;
    }

    private static IndicatorInput Outcome(string name, string unit, string? target = null, string targetYear = LastYear,
        IndicatorDirection direction = IndicatorDirection.HigherIsBetter)
    {
        var indicator = new IndicatorInput { Kind = IndicatorKind.Outcome, Name = name, Unit = unit, Direction = direction };
        if (target is not null) indicator.Targets.Add(new YearValueInput { FiscalYear = targetYear, Value = target });
        return indicator;
    }

    /// <summary>A 実施内容 row: its label without "・" and the cells of 平成29年度…平成32年度 as printed.</summary>
    private static ScheduleRowInput Row(string label, params string[] cells)
    {
        var row = new ScheduleRowInput { Label = label };
        row.Cells.AddRange(cells.Select((text, i) => new ScheduleCellInput { FiscalYear = Years[i], Text = text }));
        return row;
    }
}
