using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;
using Status = Google.Rpc.Status;

namespace Kyodo.ServiceDefaults.Tests;

// No status a service sends can grow with what a caller sent: its trailers stay below what every
// client on the way decodes, however long the input and however many fields were bad.
public sealed class StatusBoundsTests
{
    /// <summary>The trailers grpc-dotnet writes for the exception: grpc-status, grpc-message (percent-encoded) and the binary details
    /// (base64).</summary>
    private static int TrailerBytes(RpcException ex) =>
        "grpc-status".Length + 2 + "grpc-message".Length + Uri.EscapeDataString(ex.Status.Detail).Length
        + ex.Trailers.Sum(t => t.Key.Length + (t.IsBinary ? (t.ValueBytes.Length + 2) / 3 * 4 : t.Value.Length));

    [Fact]
    public void TheWorstBoundedStatusFitsTheServicesBudgetWhichFitsEveryClientsLimit()
    {
        Assert.True(StatusBounds.WorstCaseTrailerBytes <= HeaderLimits.ServiceTrailerBytes,
            $"{StatusBounds.WorstCaseTrailerBytes} > {HeaderLimits.ServiceTrailerBytes}");
        Assert.True(HeaderLimits.ServiceTrailerBytes * 4 <= HeaderLimits.ClientResponseHeaderBytes);
        Assert.True(HeaderLimits.ClientResponseHeaderBytes < HeaderLimits.GatewayResponseHeaderBytes);
        Assert.True(HeaderLimits.GatewayRequestHeaderBytes < HeaderLimits.ServiceRequestHeaderBytes);
    }

    [Fact]
    public void AHugeMessageAndThousandsOfLongViolationsAreCutToTheBudget()
    {
        var bad = new BadRequest();
        for (var i = 0; i < 10_000; i++)
            bad.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = $"indicator_ids[{i}]" + new string('x', 500),
                Description = "must be a UUID " + new string('ー', 1_000)
            });
        var status = new Status
        {
            Code = (int)Code.InvalidArgument, Message = "The request is invalid: " + new string('地', 40_000),
            Details = { Any.Pack(bad) }
        };

        var sent = StatusBounds.Bound(status).ToRpcException();

        Assert.True(TrailerBytes(sent) <= HeaderLimits.ServiceTrailerBytes, $"{TrailerBytes(sent)} bytes");
        Assert.Equal(StatusCode.InvalidArgument, sent.StatusCode);
        Assert.EndsWith("(40,024 characters)", sent.Status.Detail);
        var listed = sent.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations;
        Assert.StartsWith("indicator_ids[0]", listed[0].Field);
        Assert.Matches(@"^and [\d,]+ more bad fields, not listed", listed[^1].Description);
    }

    [Fact]
    public void AnRpcExceptionPassedOnFromADependencyIsCutToo()
    {
        var passedOn =
            new RpcException(new global::Grpc.Core.Status(StatusCode.PermissionDenied, "municipality_code: " + new string('2', 40_000)));

        var sent = StatusBounds.Bound(passedOn);

        Assert.Equal(StatusCode.PermissionDenied, sent.StatusCode);
        Assert.True(TrailerBytes(sent) <= HeaderLimits.ServiceTrailerBytes);
    }

    [Fact]
    public void AStatusWithinTheBoundsIsSentAsItIs()
    {
        var status = new Status { Code = (int)Code.NotFound, Message = "item '3f0c' was not found." };

        Assert.Same(status, StatusBounds.Bound(status));
    }
}
