using Kyodo.Subsidy.Domain;

namespace Kyodo.Domain.Tests.Subsidy;

// A program is linked to the budget line it spends, one per fiscal year (DOMAIN.md, Subsidy → Program):
// an award reserves money in the line of its application's year.
public sealed class ProgramBudgetLineTests
{
    private static SubsidyProgram Komoro2020() => new(Guid.NewGuid(), Komoro.Code, "市民活動促進事業補助金", "", Komoro.Now);

    [Fact]
    public void AnAwardReservesInTheLineTheProgramSpendsInTheApplicationsYear()
    {
        var program = Komoro2020();
        var (line2019, line2020) = (Guid.NewGuid(), Guid.NewGuid());
        program.SpendFrom(2019, line2019);
        program.SpendFrom(2020, line2020);
        Assert.Equal(line2020, program.BudgetLineToAwardFrom(2020));
        Assert.Equal(line2019, program.BudgetLineToAwardFrom(2019));
    }

    [Fact]
    public void AnAwardInAYearTheProgramNamesNoLineForIsRefused()
    {
        var program = Komoro2020();
        program.SpendFrom(2019, Guid.NewGuid());
        var refusal = Refusals.Rule(() => program.BudgetLineToAwardFrom(2020));
        Assert.Equal("NO_BUDGET_LINE", refusal.Reason);
        Assert.Contains("市民活動促進事業補助金", refusal.Text.Japanese);
    }

    [Fact]
    public void NamingAnotherLineForAYearReplacesTheEarlierChoice()
    {
        var program = Komoro2020();
        var replacement = Guid.NewGuid();
        program.SpendFrom(2020, Guid.NewGuid());
        program.SpendFrom(2020, replacement);
        Assert.Equal(replacement, program.BudgetLineToAwardFrom(2020));
        Assert.Single(program.BudgetLines);
    }
}
