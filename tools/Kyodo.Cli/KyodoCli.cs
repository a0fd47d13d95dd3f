using Grpc.Core;
using Kyodo.Cli.Commands;
using Kyodo.Cli.Connection;

namespace Kyodo.Cli;

/// <summary>The command dispatcher: one entry point for the tool and for tests (which pass their own console).</summary>
public static class KyodoCli
{
    public const string Usage = """
        usage: kyodo <command> [options]

          import PATH                 validate every seed file (a .yaml file or a folder of them), then import
                                      each document all-or-nothing; a second run changes nothing; items of
                                      seed files beside PATH that are not imported are looked up among those held
            [--dry-run]               validate only (asks the gateway only for such held items)
          export --municipality CODE --plan NAME|ID [--out FILE]
                                      write a plan (with its budget sheets and subsidies) in the seed format
          report NAME [--field value …] [--format table|csv|xlsx|pdf] [--out FILE]
                                      run a report of kyodo.reporting.v1; `kyodo report` lists them and their fields
          print evaluation-sheet --municipality CODE --item NAME|ID --fiscal-year Y [--paper a4|a3] [--out FILE]
                                      the 事務事業評価シート of an item and year as a PDF (landscape, IPAex Gothic
                                      embedded): seed 000's form, full cost (人工・人件費), 繰越・流用, the evaluation
          token --municipality CODE --role admin|editor|viewer|system [--departments ID,ID] [--subject NAME]
                [--scopes S,S] [--minutes N]
                                      print a token signed with the local key (Auth__Issuer, Auth__Audience, Auth__SigningKey)
          health                      grpc.health.v1 of the gateway and every service (no token needed), then
                                      whether the token is accepted: 0 all ready, 69 anything not ready,
                                      77 all ready but the token refused

        every command that calls Kyodo:
          --gateway URL               the gateway (default KYODO_GATEWAY or http://localhost:5080)
          --token JWT                 bearer token (default KYODO_TOKEN, else one minted from the local Auth settings)
          --max-attempts N            attempts per call (default KYODO_MAX_ATTEMPTS or 10; 1 = no retries)
          --max-wait SECONDS          time one call may spend waiting between attempts (default KYODO_MAX_WAIT or 120)
                                      a call the gateway throttles is tried again after the wait it names; a read,
                                      UpsertItemSheet or ImportProgram is tried again after UNAVAILABLE (backoff from
                                      0.25 s); each wait is told on stderr

        exit codes: 0 ok, 1 other failure, 2 usage, 65 bad data (EX_DATAERR), 69 service unavailable or still
        throttled (EX_UNAVAILABLE), 77 token refused or not allowed (EX_NOPERM; get one with `kyodo token`)
        """;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliConsole.System, CancellationToken.None);

    internal static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            (args.Length == 0 ? console.Error : console.Out).WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        try
        {
            var rest = args[1..];
            return args[0] switch
            {
                "import" => await ImportCommand.RunAsync(rest, console, ct),
                "export" => await ExportCommand.RunAsync(rest, console, ct),
                "report" => await ReportCommand.RunAsync(rest, console, ct),
                "print" => await PrintCommand.RunAsync(rest, console, ct),
                "token" => TokenCommand.Run(rest, console),
                "health" => await HealthCommand.RunAsync(rest, console, ct),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            console.Error.WriteLine($"kyodo: {e.Message}");
            console.Error.WriteLine("run `kyodo help` for the commands and their options");
            return ExitCodes.Usage;
        }
        catch (DataException e)
        {
            console.Error.WriteLine($"kyodo: {e.Message}");
            return ExitCodes.DataError;
        }
        catch (Import.ImportRefusal e)
        {
            // Like a problem of the checks: where in the document the refused request came from.
            var lines = RpcErrors.Describe(e.Rpc).ToList();
            console.Error.WriteLine($"{e.File}:{e.Line}:1: {lines[0]}");
            foreach (var line in lines.Skip(1)) console.Error.WriteLine($"kyodo: {line}");
            return RpcErrors.ExitCode(e.Rpc);
        }
        catch (RpcException e)
        {
            foreach (var line in RpcErrors.Describe(e)) console.Error.WriteLine($"kyodo: {line}");
            return RpcErrors.ExitCode(e);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            console.Error.WriteLine("kyodo: cancelled");
            return ExitCodes.Failure;
        }
        catch (IOException e)
        {
            console.Error.WriteLine($"kyodo: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
