namespace Kyodo.Budget.Benchmarks;

/// <summary>One measured run: which target, how many lines, and (once run) what it measured.</summary>
public sealed record Scenario(string Label, bool ViaGateway, int Lines)
{
    public RunResult? Result { get; set; }
    public string Name => $"{Label} {LinesLabel(Lines)}, {(ViaGateway ? "gateway" : "direct")}";

    public static string LinesLabel(int lines) => lines == 1 ? "1 line" : $"{lines} lines";
}
