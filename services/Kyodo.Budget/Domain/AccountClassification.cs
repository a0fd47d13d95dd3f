namespace Kyodo.Budget.Domain;

/// <summary>
/// 会計・款・項・目 as printed: each level a number (may be empty, as for 一般会計) and a name,
/// e.g. 一般会計 / 2 総務費 / 1 総務管理費 / 4 企画費.
/// </summary>
public sealed record AccountClassification(
    string AccountNumber, string AccountName,
    string SectionNumber, string SectionName,
    string ItemNumber, string ItemName,
    string SubitemNumber, string SubitemName)
{
    public static readonly AccountClassification None = new("", "", "", "", "", "", "", "");

    /// <summary>"一般会計/2 総務費/1 総務管理費/4 企画費": the key totals group by.</summary>
    public string Path => string.Join("/", new[]
    {
        Level(AccountNumber, AccountName), Level(SectionNumber, SectionName), Level(ItemNumber, ItemName),
            Level(SubitemNumber, SubitemName),
    });

    private static string Level(string number, string name) => string.Join(" ", new[] { number, name }.Where(p => p.Length > 0));
}
