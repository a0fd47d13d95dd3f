using Kyodo.Budget.Domain;

namespace Kyodo.Domain.Tests.Budget;

/// <summary>小諸市's 市民活動支援事業 (seed 000): 一般会計 / 2 総務費 / 1 総務管理費 / 4 企画費, FY2019 7,320千円.</summary>
internal static class Komoro
{
    public const string Code = "20208";
    public static readonly DateTimeOffset Now = new(2019, 4, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly AccountClassification Planning = new("", "一般会計", "2", "総務費", "1", "総務管理費", "4", "企画費");

    /// <summary>7,320 = 0 + 0 + 347 + 6,973 千円.</summary>
    public static Funding CitizenActivity2019 => new(7_320_000, 0, 0, 347_000, 6_973_000);

    public static readonly StagePoint Initial = new(BudgetStage.Initial, 0);

    public static BudgetLine Line(
        Funding funding, int fiscalYear = 2019, AccountClassification? account = null, string municipality = Code) =>
        new(Guid.NewGuid(), municipality, Guid.NewGuid(), "市民活動支援事業", Guid.NewGuid(), "企画課", fiscalYear,
            account ?? Planning, Initial, funding, "budget-clerk", Now);

    /// <summary>Only general revenue (一般財源): the simplest funding of <paramref name="costYen"/>.</summary>
    public static Funding General(long costYen) => new(costYen, 0, 0, 0, costYen);
}
