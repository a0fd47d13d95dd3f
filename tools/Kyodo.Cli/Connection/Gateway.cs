using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Kyodo.Cli.Connection;

/// <summary>
/// The one channel to the gateway (<c>--gateway</c>, else <c>KYODO_GATEWAY</c>, else
/// http://localhost:5080, as <c>./dev up</c> serves it); every call carries the bearer token,
/// whose subject the services record as who made each change, and passes through
/// <see cref="RetryingInterceptor"/> (the gateway's throttling, a service briefly away).
/// </summary>
internal sealed class Gateway : IDisposable
{
    public const string DefaultAddress = "http://localhost:5080";

    private readonly GrpcChannel _channel;

    public Uri Address { get; }
    public CallInvoker Invoker { get; }

    /// <summary>For health probes: waits out throttling but reports UNAVAILABLE at once, as the answer it is.</summary>
    public CallInvoker ProbeInvoker { get; }

    /// <summary>Like <see cref="ProbeInvoker"/> without the token: grpc.health.v1.Health answers anyone.</summary>
    public CallInvoker AnonymousProbeInvoker { get; }

    private Gateway(Uri address, string? token, RetryPolicy retries, CliConsole console)
    {
        var messages = console.Error;
        Address = address;
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
        });
        // The token is added outside the retries, once per call: every attempt sends the same headers.
        Func<Metadata, Metadata> authorize = metadata =>
        {
            if (token is not null) metadata.Add("authorization", "Bearer " + token);
            return metadata;
        };
        var calls = console.WrapCalls ?? (invoker => invoker);
        Invoker = calls(_channel.CreateCallInvoker()).Intercept(new RetryingInterceptor(retries, messages)).Intercept(authorize);
        ProbeInvoker =
            _channel.Intercept(new RetryingInterceptor(retries with { RetryUnavailable = false }, messages)).Intercept(authorize);
        AnonymousProbeInvoker = _channel.Intercept(new RetryingInterceptor(retries with { RetryUnavailable = false }, messages));
    }

    /// <summary>The options <see cref="Open"/> reads, for commands that check for unknown options before opening.</summary>
    public static readonly string[] OptionNames = ["gateway", "token", .. RetryPolicy.OptionNames];

    public static Gateway Open(CommandLine line, CliConsole console)
    {
        var text = line.Option("gateway") ?? console.Environment("KYODO_GATEWAY") ?? DefaultAddress;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            throw new UsageException($"--gateway must be an http:// or https:// address, not '{text}'");
        var retries = RetryPolicy.Read(line, console);
        var token = BearerToken.Resolve(line, console);
        if (token is null)
            console.Error.WriteLine(
                "kyodo: warning: no token (--token, KYODO_TOKEN or Auth__Issuer/Audience/SigningKey); calling without one");
        return new Gateway(address, token, retries, console);
    }

    public void Dispose() => _channel.Dispose();
}
