using Kyodo.Budget.Domain;

namespace Kyodo.Budget.Data;

public static class BudgetLineQueries
{
    /// <summary>Lines whose classification equals every non-empty part of <paramref name="account"/>.</summary>
    public static IQueryable<BudgetLine> MatchingAccount(this IQueryable<BudgetLine> lines, AccountClassification account)
    {
        if (account.AccountNumber.Length > 0) lines = lines.Where(l => l.Account.AccountNumber == account.AccountNumber);
        if (account.AccountName.Length > 0) lines = lines.Where(l => l.Account.AccountName == account.AccountName);
        if (account.SectionNumber.Length > 0) lines = lines.Where(l => l.Account.SectionNumber == account.SectionNumber);
        if (account.SectionName.Length > 0) lines = lines.Where(l => l.Account.SectionName == account.SectionName);
        if (account.ItemNumber.Length > 0) lines = lines.Where(l => l.Account.ItemNumber == account.ItemNumber);
        if (account.ItemName.Length > 0) lines = lines.Where(l => l.Account.ItemName == account.ItemName);
        if (account.SubitemNumber.Length > 0) lines = lines.Where(l => l.Account.SubitemNumber == account.SubitemNumber);
        if (account.SubitemName.Length > 0) lines = lines.Where(l => l.Account.SubitemName == account.SubitemName);
        return lines;
    }
}
