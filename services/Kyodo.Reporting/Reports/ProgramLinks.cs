using System.Text.Json;
using Kyodo.Contracts.Subsidy;

namespace Kyodo.Reporting.Reports;

/// <summary>The budget line a subsidy program spends each fiscal year, from its row's snapshot.</summary>
internal static class ProgramLinks
{
    /// <summary>
    /// None while the row holds no SubsidyProgramChanged yet (a SubsidyProgramCreated that arrived
    /// first leaves "{}"), so a summary asked meanwhile still answers.
    /// </summary>
    public static IReadOnlyList<ProgramBudgetLineSnapshot> Read(string snapshotJson) =>
        snapshotJson is "{}" or ""
            ? []
            : JsonSerializer.Deserialize<SubsidyProgramChanged>(snapshotJson, ItemJson.Options)?.BudgetLines ?? [];
}
