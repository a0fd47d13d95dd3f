using Kyodo.Common.V1;
using Kyodo.Plan.V1;

using V1 = Kyodo.Budget.V1;

namespace Kyodo.Budget.Tests;

/// <summary>Items of 小諸市's 事務事業 sheets (seed 000), created in the plan service for budget tests.</summary>
internal static class KomoroItems
{
    public const string Komoro = "20208";

    /// <summary>A plan with 政策 6 → 施策 6-1 and one item under it, of <paramref name="department"/>.</summary>
    public static async Task<Item> CreateAsync(PlanService.PlanServiceClient plans, string title, string department = "企画課",
        string municipality = Komoro)
    {
        var plan = (await plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = municipality, Name = "小諸市" },
            Name = $"小諸市 実施計画 {Guid.NewGuid():N}",
            StartFiscalYear = "平成31年度",
            EndFiscalYear = "令和3年度",
        })).Plan;
        var measure = (await plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "6-1", Title = "協働によるまちづくりを推進します" })).Node;
        return (await plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id,
            Fields = new ItemFields { Title = title, Novelty = ItemNovelty.Continuing, Departments = { department } },
            Placements = { new PlacementInput { NodeId = measure.Id, Primary = true } },
        })).Item;
    }

    /// <summary>一般・2総務費・1総務管理費・4企画費.</summary>
    public static V1.AccountClassification PlanningAccount() => new()
    {
        Account = new V1.AccountLevel { Name = "一般会計" },
        Section = new V1.AccountLevel { Number = "2", Name = "総務費" },
        Item = new V1.AccountLevel { Number = "1", Name = "総務管理費" },
        Subitem = new V1.AccountLevel { Number = "4", Name = "企画費" },
    };
}
