using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kyodo.Api.Tests;

// buf holds the protos to a style and to compatibility with v1 callers. The
// configuration is protos/buf.yaml; its exceptions are the 63 findings recorded there.
public sealed class ProtoDisciplineTests
{
    [Fact]
    public void BufLintFindsNothingWithTheCommittedConfiguration()
    {
        var result = Repo.Run(ProtoTools.NodeTool("buf"), ["lint"], workingDirectory: ProtoTools.ProtosDir);
        Assert.True(result.ExitCode == 0, $"buf lint (protos/buf.yaml):\n{result.StandardOutput}{result.StandardError}");
    }

    // The RPCs whose names buf.yaml's ignore_only lets through, by rule (the reasons are there).
    private static readonly Dictionary<string, string[]> RecordedExceptions = new()
    {
        ["RPC_REQUEST_RESPONSE_UNIQUE"] =
        [
            "budget.GetAuditTrail", "plan.GetAuditTrail", "subsidy.GetAuditTrail",
            "budget.ListPublishedEvents", "plan.ListPublishedEvents", "subsidy.ListPublishedEvents",
            "reporting.GetDepartmentSummary", "reporting.GetPlanItemList", "reporting.GetPriorityGoalList",
            "reporting.GetProgramSheet", "reporting.GetResultsTable", "reporting.GetScheduleTable", "reporting.GetTrend",
            "reporting.GetPlanStructure", "reporting.GetAreaDepartmentSummary", "reporting.GetAreaPlanStructure", "reporting.GetAreaTrend",
            "reporting.GetEvaluationSummary", "reporting.GetOverdueActuals",
            "subsidy.Award", "subsidy.GetApplication", "subsidy.Reject", "subsidy.ReportResults", "subsidy.Settle",
            "subsidy.StartReview", "subsidy.SubmitApplication", "subsidy.Withdraw",
        ],
        ["RPC_REQUEST_STANDARD_NAME"] =
        [
            "reporting.GetDepartmentSummary", "reporting.GetPlanItemList", "reporting.GetPriorityGoalList",
            "reporting.GetProgramSheet", "reporting.GetResultsTable", "reporting.GetScheduleTable", "reporting.GetTrend",
            "reporting.GetPlanStructure", "reporting.GetAreaDepartmentSummary", "reporting.GetAreaPlanStructure", "reporting.GetAreaTrend",
            "reporting.GetEvaluationSummary", "reporting.GetOverdueActuals",
            "subsidy.Reject", "subsidy.ReportResults", "subsidy.StartReview", "subsidy.Withdraw",
        ],
        ["RPC_RESPONSE_STANDARD_NAME"] =
        [
            "reporting.ExportReport", "reporting.GetDepartmentSummary", "reporting.GetPlanItemList",
            "reporting.GetPriorityGoalList", "reporting.GetProgramSheet", "reporting.GetResultsTable",
            "reporting.GetScheduleTable", "reporting.GetTrend",
            "reporting.GetPlanStructure", "reporting.GetAreaDepartmentSummary", "reporting.GetAreaPlanStructure", "reporting.GetAreaTrend",
            "reporting.GetEvaluationSummary", "reporting.GetOverdueActuals",
            "subsidy.Award", "subsidy.GetApplication", "subsidy.Reject", "subsidy.ReportResults", "subsidy.Settle",
            "subsidy.StartReview", "subsidy.SubmitApplication", "subsidy.Withdraw",
        ],
    };

    [Fact]
    public void WithoutItsExceptionsBufLintFindsOnlyTheRecordedRpcs()
    {
        // buf.yaml can only except whole files, so a new RPC in one of them could inherit an
        // exception unseen: lint again without them and compare RPC by RPC.
        const string strict = """{"version":"v2","lint":{"use":["STANDARD","COMMENT_RPC","COMMENT_SERVICE"],"ignore":["google"]}}""";
        var result = Repo.Run(ProtoTools.NodeTool("buf"), ["lint", "--error-format=json", "--config", strict],
            workingDirectory: ProtoTools.ProtosDir);

        var found = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .GroupBy(f => f.GetProperty("type").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(RpcOf).Distinct().Order(StringComparer.Ordinal).ToArray());
        var recorded = RecordedExceptions.ToDictionary(e => e.Key, e => e.Value.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(recorded, found);
    }

    /// <summary>"subsidy.Reject" for a finding at the line of <c>rpc Reject(</c> in the subsidy proto.</summary>
    private static string RpcOf(JsonElement finding)
    {
        var path = finding.GetProperty("path").GetString()!;
        var line = File.ReadLines(Path.Combine(ProtoTools.ProtosDir, path)).ElementAt(finding.GetProperty("start_line").GetInt32() - 1);
        var rpc = Regex.Match(line, @"rpc (\w+)\(");
        return rpc.Success ? $"{path.Split('/')[1]}.{rpc.Groups[1].Value}" : $"{path}: {finding.GetProperty("message").GetString()}";
    }

    [Fact]
    public void BufBreakingFindsNothingAgainstTheProtosOfTheLastCommitOnMain()
    {
        using var baseline = ProtosAt(BaselineCommit());
        var result = Repo.Run(ProtoTools.NodeTool("buf"), ["breaking", ".", "--against", baseline.Path],
            workingDirectory: ProtoTools.ProtosDir);
        Assert.True(result.ExitCode == 0, $"buf breaking against {BaselineCommit()} (a breaking change needs a new package version, "
            + $"kyodo.<area>.v2):\n{result.StandardOutput}{result.StandardError}");
    }

    [Fact]
    public void BufBreakingRefusesARenamedField()
    {
        // The check above can fail: the same command on a copy with one field renamed.
        using var changed = ProtoTools.CopyProtos();
        var proto = Path.Combine(changed.Path, "kyodo", "budget", "v1", "budget_service.proto");
        var text = File.ReadAllText(proto);
        Assert.Contains("int64 amount_yen = 3;", text);
        File.WriteAllText(proto, text.Replace("int64 amount_yen = 3;", "int64 yen = 3;"));

        var result = Repo.Run(ProtoTools.NodeTool("buf"), ["breaking", changed.Path, "--against", "."],
            workingDirectory: ProtoTools.ProtosDir);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("amount_yen", result.StandardOutput + result.StandardError);
    }

    /// <summary>
    /// On a branch, main's last commit; on main itself (CI), the commit before this one (its
    /// first parent: the main a merge landed on).
    /// </summary>
    private static string BaselineCommit()
    {
        var head = Git("rev-parse", "HEAD");
        var main = Git("rev-parse", "--verify", "--quiet", "refs/heads/main");
        return main.Length > 0 && main != head ? main : Git("rev-parse", "HEAD^1");
    }

    /// <summary>protos/ as committed at <paramref name="commit"/>, with today's google/ copies and buf.yaml
    /// (older commits held neither, and buf compiles the baseline too).</summary>
    private static TempProtos ProtosAt(string commit)
    {
        var folder = new TempProtos();
        var archive = Path.Combine(folder.Path, "protos.tar");
        Git("archive", "--format=tar", $"--output={archive}", commit, "protos/kyodo");
        var extracted = Repo.Run("tar", ["-xf", archive, "-C", folder.Path, "--strip-components=1"]);
        Assert.True(extracted.ExitCode == 0, extracted.StandardError);
        File.Delete(archive);
        CopyTree(Path.Combine(ProtoTools.ProtosDir, "google"), Path.Combine(folder.Path, "google"));
        File.Copy(Path.Combine(ProtoTools.ProtosDir, "buf.yaml"), Path.Combine(folder.Path, "buf.yaml"));
        return folder;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string Git(params string[] arguments)
    {
        var result = Repo.Run("git", arguments);
        if (result.ExitCode != 0 && arguments is not ["rev-parse", "--verify", ..])
            throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput.Trim();
    }
}
