namespace Kyodo.Cli.Seed;

/// <summary>One thing wrong with a seed file, where it is (1-based line and column, as editors count).</summary>
internal sealed record SeedProblem(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Every problem found while reading one or more files; reading goes on after each, so all are reported at once.</summary>
internal sealed class SeedProblems
{
    private readonly List<SeedProblem> _all = [];

    /// <summary>In file order, then line and column: how a person fixes them.</summary>
    public IReadOnlyList<SeedProblem> All =>
        _all.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column).ToList();
    public bool Any => _all.Count > 0;

    public void Add(string file, int line, int column, string message) => _all.Add(new SeedProblem(file, line, column, message));
}
