using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Kyodo.Security;

/// <summary>Refuses to start a host whose <c>Auth</c> section is missing or incomplete (the message names the keys).</summary>
internal sealed class AuthConfigurationCheck(IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = TokenValidation.Read(configuration);
        if (options.Authority is not { Length: > 0 }) TokenValidation.SigningKey(options); // a short or malformed key fails here too
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
