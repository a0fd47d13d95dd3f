namespace Kyodo.Web.Presentation;

/// <summary>
/// An item history's kinds (plan's ItemChange.kind: created, actual_submitted …) as staff read
/// them. The list is plan's; a kind a newer plan service writes and this page does not know yet
/// is shown as it came, never dropped.
/// </summary>
public static class ChangeKinds
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["created"] = "作成",
        ["updated"] = "内容の変更",
        ["schedule_changed"] = "年次計画の変更",
        ["reference_changed"] = "整理番号の変更",
        ["indicator_added"] = "指標の追加",
        ["indicator_updated"] = "指標の変更",
        ["indicator_deleted"] = "指標の削除",
        ["target_revised"] = "目標の修正",
        ["actual_recorded"] = "実績の記録",
        ["actual_entered"] = "実績の入力",
        ["actual_submitted"] = "実績の提出",
        ["actual_approved"] = "実績の承認",
        ["actual_returned"] = "実績の差戻し",
        ["deleted"] = "削除",
    };

    public static string Label(string kind) => Labels.GetValueOrDefault(kind, kind);
}
