namespace Kyodo.Plan.Domain;

/// <summary>The seven categories of 推進項目対象 (target stakeholders).</summary>
public enum Stakeholder
{
    Citizens = 1,        // 市民
    LocalCommunity = 2,  // 地域コミュニティ
    CivicGroups = 3,     // 市民活動団体
    Businesses = 4,      // 事業者
    Education = 5,       // 教育機関
    Government = 6,      // 行政
    Other = 7,           // その他 (with free text)
}

/// <summary>新規・継続.</summary>
public enum ItemNovelty
{
    Unspecified = 0,
    New = 1,
    Continuing = 2,
}

/// <summary>市長公約事項: none (無), partly (一部), yes (有).</summary>
public enum MayoralPledge
{
    Unspecified = 0,
    None = 1,
    Partly = 2,
    Yes = 3,
}
