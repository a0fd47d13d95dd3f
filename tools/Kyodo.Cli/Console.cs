using Grpc.Core;

namespace Kyodo.Cli;

/// <summary>
/// Where a command writes and what environment it reads: the real console and process
/// environment for the tool, captured writers and a dictionary for tests.
/// </summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    public static CliConsole System =>
        new(global::System.Console.Out, global::System.Console.Error, global::System.Environment.GetEnvironmentVariable);

    /// <summary>
    /// For tests only: wraps the gateway calls of a command (after the token and retries), so a
    /// test can take a service away at the moment one particular call is made. The tool never sets it.
    /// </summary>
    public Func<CallInvoker, CallInvoker>? WrapCalls { get; init; }

    /// <summary>Progress goes to standard error, so standard output stays the command's result.</summary>
    public void Progress(string text) => Error.WriteLine(text);
}
