using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Kyodo.Cli.Connection;

/// <summary>
/// The one channel to the gateway (<c>--gateway</c>, else <c>KYODO_GATEWAY</c>, else
/// http://localhost:5080, as <c>./dev up</c> serves it); every call carries the bearer token,
/// whose subject the services record as who made each change.
/// </summary>
internal sealed class Gateway : IDisposable
{
    public const string DefaultAddress = "http://localhost:5080";

    private readonly GrpcChannel _channel;

    public Uri Address { get; }
    public CallInvoker Invoker { get; }

    private Gateway(Uri address, string? token)
    {
        Address = address;
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
        });
        Invoker = _channel.Intercept(metadata =>
        {
            if (token is not null) metadata.Add("authorization", "Bearer " + token);
            return metadata;
        });
    }

    public static Gateway Open(CommandLine line, CliConsole console)
    {
        var text = line.Option("gateway") ?? console.Environment("KYODO_GATEWAY") ?? DefaultAddress;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            throw new UsageException($"--gateway must be an http:// or https:// address, not '{text}'");
        var token = BearerToken.Resolve(line, console);
        if (token is null)
            console.Error.WriteLine("kyodo: warning: no token (--token, KYODO_TOKEN or Auth__Issuer/Audience/SigningKey); calling without one");
        return new Gateway(address, token);
    }

    public void Dispose() => _channel.Dispose();
}
