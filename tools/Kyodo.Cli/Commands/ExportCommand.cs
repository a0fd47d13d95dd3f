namespace Kyodo.Cli.Commands;

internal static class ExportCommand
{
    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct) => throw new UsageException("export: not yet");
}
