using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.Plan.Tests;

/// <summary>
/// 小諸市's 政策 6 → 施策 6-1 (seed 000) in a municipality and plan of a test's own (FY2019–FY2021):
/// 市民活動支援事業 and 表彰事業 of 企画課 (the first with 活動団体・ボランティアの紹介数 300/310/320 人),
/// and an item of 協働推進課; with clients for an editor of 企画課 and two different admins.
/// </summary>
public sealed record KomoroEvaluationWorld(
    PlanServiceFixture Fixture, string Municipality, Plan.V1.Plan Plan, PlanNode Policy, PlanNode Measure,
    Item Support, Item Awards, Item Other, Guid Planning, Guid Collaboration)
{
    public static async Task<KomoroEvaluationWorld> CreateAsync(PlanServiceFixture fixture, string municipality)
    {
        var client = fixture.Client;
        var plan = (await client.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = municipality, Name = "小諸市" },
            Name = $"小諸市 実施計画 {Guid.NewGuid():N}", StartFiscalYear = "平成31年度", EndFiscalYear = "令和3年度",
        })).Plan;
        var policy = (await client.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "政策", Code = "6", Title = "全ての主体が参加し、協働するまちづくり" })).Node;
        var measure = (await client.CreateNodeAsync(new CreateNodeRequest
        {
            PlanId = plan.Id, ParentId = policy.Id, LevelName = "施策",
            Code = "6-1", Title = "協働によるまちづくりを推進します"
        })).Node;
        async Task<Item> ItemAsync(string title, string department, string code, params IndicatorInput[] indicators) =>
            (await client.CreateItemAsync(new CreateItemRequest
            {
                PlanId = plan.Id,
                Fields = new ItemFields { Title = title, Novelty = ItemNovelty.Continuing, Departments = { department } },
                Placements = { new PlacementInput { NodeId = measure.Id, Code = code, Primary = true } },
                Indicators = { indicators },
            })).Item;
        var support = await ItemAsync("市民活動支援事業", "企画課", "2", new IndicatorInput
        {
            Kind = IndicatorKind.Activity, Name = "活動団体・ボランティアの紹介数", Unit = "人", Direction = IndicatorDirection.HigherIsBetter,
            Targets = { new YearValueInput { FiscalYear = "H31", Value = "300" }, new YearValueInput { FiscalYear = "H32", Value = "310" },
                new YearValueInput { FiscalYear = "H33", Value = "320" } },
        });
        var awards = await ItemAsync("表彰事業", "企画課", "3");
        var other = await ItemAsync("集会施設等補助事業", "協働推進課", "4", new IndicatorInput
        {
            Kind = IndicatorKind.Activity, Name = "集会施設等補助金の要望に対する交付率", Unit = "%", Direction = IndicatorDirection.HigherIsBetter,
            Targets = { new YearValueInput { FiscalYear = "H31", Value = "100" } },
        });
        return new KomoroEvaluationWorld(fixture, municipality, plan, policy, measure, support, awards, other,
            Guid.Parse(support.Departments[0].Id), Guid.Parse(other.Departments[0].Id));
    }

    /// <summary>An editor of 企画課, subject "kikaku-editor".</summary>
    public PlanService.PlanServiceClient Editor => As("kikaku-editor", KyodoRoles.Editor, Planning);

    /// <summary>Admins are people: each its own subject.</summary>
    public PlanService.PlanServiceClient Admin(string subject) => As(subject, KyodoRoles.Admin);

    public PlanService.PlanServiceClient As(string subject, string role, params Guid[] departments) =>
        new(Fixture.Service.ChannelAs(
            TestAuth.Mint(new TokenRequest(subject, Municipality, [role], departments.Select(d => d.ToString()).ToArray()))));

    public string SupportIndicator => Support.Indicators.Single().Id;
}
