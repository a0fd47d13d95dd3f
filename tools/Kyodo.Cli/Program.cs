using Kyodo.Cli;

// kyodo import|export|report|token|health … — see KyodoCli.Usage.
Console.OutputEncoding = System.Text.Encoding.UTF8;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
return await KyodoCli.RunAsync(args, CliConsole.System, cancel.Token);
