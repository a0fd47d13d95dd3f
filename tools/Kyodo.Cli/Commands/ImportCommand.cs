namespace Kyodo.Cli.Commands;

internal static class ImportCommand
{
    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct) => throw new UsageException("import: not yet");
}
