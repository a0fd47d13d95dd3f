using Grpc.Core;

namespace Kyodo.Client;

/// <summary>The bearer token every Kyodo call carries (<c>authorization: Bearer &lt;JWT&gt;</c>).</summary>
public static class KyodoCredentials
{
    /// <summary>The same token on every call (a short job; mint or fetch a new client when it expires).</summary>
    public static CallCredentials BearerToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return BearerToken(_ => ValueTask.FromResult(token));
    }

    /// <summary>
    /// A token asked for on each call, so a long-running system can renew it (from its OIDC
    /// provider, typically) without a new client: cache it in <paramref name="token"/> and
    /// fetch a new one shortly before it expires.
    /// </summary>
    public static CallCredentials BearerToken(Func<CancellationToken, ValueTask<string>> token) =>
        CallCredentials.FromInterceptor(async (context, metadata) =>
            metadata.Add("authorization", "Bearer " + await token(context.CancellationToken)));
}
