using System.Net.Http.Headers;

namespace Kyodo.Testing;

/// <summary>
/// Puts one bearer token on every request of a test channel, unless the call set its own
/// authorization metadata; with no token, sends none (the unauthenticated caller).
/// </summary>
public sealed class BearerTokenHandler(string? token) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (token is not null && request.Headers.Authorization is null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
