using Kyodo.Common.V1;
using Kyodo.Plan.V1;

namespace Kyodo.Plan.Tests;

/// <summary>
/// A piece of 山口市協働推進プラン 実行計画 (seed 003) built through the API: a plan of its own
/// (unique name per test), 推進方針 I and IV with the 推進施策 an item is listed under.
/// </summary>
public sealed record YamaguchiScenario(Plan.V1.Plan Plan, PlanNode PolicyI, PlanNode MeasureI1, PlanNode PolicyIV, PlanNode MeasureIV2)
{
    public const string Yamaguchi = "35203";

    public static async Task<YamaguchiScenario> CreateAsync(PlanService.PlanServiceClient client, string? municipality = null)
    {
        var plan = (await client.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = municipality ?? Yamaguchi, Name = "山口市" },
            Name = $"山口市協働推進プラン {Guid.NewGuid():N}",
            StartFiscalYear = "平成20年度",
            EndFiscalYear = "平成24年度",
        })).Plan;
        async Task<PlanNode> Node(string? parent, string level, string code, string title) =>
            (await client.CreateNodeAsync(
                new CreateNodeRequest { PlanId = plan.Id, ParentId = parent ?? "", LevelName = level, Code = code, Title = title })).Node;

        var policyI = await Node(null, "推進方針", "I", "参加しやすく、活動しやすい環境づくりを進めます");
        var measureI1 = await Node(policyI.Id, "推進施策", "(1)", "活動(交流)拠点機能の充実");
        var policyIV = await Node(null, "推進方針", "Ⅳ", "市政への参画と協働の実践を進めます");
        var measureIV2 = await Node(policyIV.Id, "推進施策", "(2)", "協働による事業の推進");
        return new YamaguchiScenario(plan, policyI, measureI1, policyIV, measureIV2);
    }

    /// <summary>I-(1)-① 地域交流センターの設置, as seed 003 prints it.</summary>
    public CreateItemRequest CommunityCentreItem()
    {
        var request = new CreateItemRequest
        {
            PlanId = Plan.Id,
            Fields = new ItemFields
            {
                Title = "地域交流センターの設置",
                Novelty = ItemNovelty.New,
                Departments = { "協働推進課", "生涯学習課", "行革推進課" },
                ImplementingBodies = { "行政" },
                TargetStakeholders = { Stakeholder.Citizens, Stakeholder.LocalCommunity, Stakeholder.CivicGroups },
                Purpose = "地域コミュニティ活動や市民活動の活性化を図り、地域協働によるまちづくりを推進します。",
                CurrentState = "協働によるまちづくりを推進するためには、地域コミュニティの機能をさらに高める必要があります。",
                Content = "現在の公民館(出張所を含む)について、…「地域交流センター」として位置づけます。",
                CompletionCriterion = "全ての公民館について地域交流センターを位置づけたときに完了とします。",
                LinkedPlans = { "行政改革大綱推進計画" },
            },
            Placements = { new PlacementInput { NodeId = MeasureI1.Id, Code = "①", Primary = true } },
            Schedule =
            {
                new ScheduleRowInput
                {
                    Cells =
                    {
                        new ScheduleCellInput { FiscalYear = "H20", Text = "検討" },
                        new ScheduleCellInput { FiscalYear = "H21", Text = "実施・完了予定" },
                        new ScheduleCellInput { FiscalYear = "H22", Text = "" },
                    },
                },
            },
        };
        return request;
    }
}
