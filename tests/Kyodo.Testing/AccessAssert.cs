using Google.Rpc;
using Grpc.Core;
using Xunit;

namespace Kyodo.Testing;

/// <summary>Assertions for authorization: what a caller may not do must fail the same way everywhere.</summary>
public static class AccessAssert
{
    /// <summary>
    /// Calls <paramref name="call"/> with another municipality's id and with an id that exists
    /// nowhere: both must be NOT_FOUND with the same message (ids blanked) and the same resource
    /// type, so the answer says nothing about the foreign record.
    /// </summary>
    public static async Task LikeMissing(string rpc, string foreignId, Func<string, Task> call)
    {
        var missingId = Guid.NewGuid().ToString();
        var foreign = await Assert.ThrowsAsync<RpcException>(() => call(foreignId));
        var missing = await Assert.ThrowsAsync<RpcException>(() => call(missingId));
        Assert.True(missing.StatusCode == StatusCode.NotFound,
            $"{rpc}: a missing id answered {missing.StatusCode}: {missing.Status.Detail}");
        Assert.True(foreign.StatusCode == StatusCode.NotFound,
            $"{rpc}: another municipality's id answered {foreign.StatusCode}: {foreign.Status.Detail}");
        Assert.Equal(missing.Status.Detail.Replace(missingId, "<id>"), foreign.Status.Detail.Replace(foreignId, "<id>"));
        Assert.Equal(missing.GetRpcStatus()?.GetDetail<ResourceInfo>()?.ResourceType,
            foreign.GetRpcStatus()?.GetDetail<ResourceInfo>()?.ResourceType);
    }

    /// <summary>PERMISSION_DENIED, and the message names <paramref name="mentions"/> when given (a field, a municipality).</summary>
    public static async Task<RpcException> Denied(string rpc, Func<Task> call, string? mentions = null)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(ex.StatusCode == StatusCode.PermissionDenied,
            $"{rpc}: expected PermissionDenied, got {ex.StatusCode}: {ex.Status.Detail}");
        if (mentions is not null) Assert.Contains(mentions, ex.Status.Detail);
        return ex;
    }

    /// <summary>Every token of <see cref="TestAuth.BadTokens"/> (and none) gets UNAUTHENTICATED with a message saying what is
    /// wrong.</summary>
    public static async Task EveryBadTokenUnauthenticated(ServiceUnderTest service, Func<Grpc.Net.Client.GrpcChannel, Task> call)
    {
        foreach (var (kind, token) in TestAuth.BadTokens())
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() => call(service.ChannelAs(token)));
            Assert.True(ex.StatusCode == StatusCode.Unauthenticated,
                $"{kind} token: expected Unauthenticated, got {ex.StatusCode}: {ex.Status.Detail}");
            Assert.False(string.IsNullOrWhiteSpace(ex.Status.Detail), $"{kind} token: no message");
        }
    }
}
