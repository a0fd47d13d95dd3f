using Google.Rpc;
using Grpc.Core;
using Xunit;

namespace Kyodo.Testing;

/// <summary>Assertions on gRPC failures: the status code and the rich details a caller relies on.</summary>
public static class RpcAssert
{
    public static async Task<RpcException> FailsWith(StatusCode expected, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(ex.StatusCode == expected, $"Expected {expected}, got {ex.StatusCode}: {ex.Status.Detail}");
        return ex;
    }

    /// <summary>The field violations of an INVALID_ARGUMENT, as "field" → description.</summary>
    public static IReadOnlyDictionary<string, string> FieldViolations(RpcException ex)
    {
        var badRequest = ex.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return badRequest.FieldViolations
            .GroupBy(v => v.Field)
            .ToDictionary(g => g.Key, g => string.Join(" | ", g.Select(v => v.Description)));
    }
}
