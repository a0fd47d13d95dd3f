using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Kyodo.Cli.Import;

namespace Kyodo.Cli.Tests;

/// <summary>A service's refusal is reported at the document line its details point to.</summary>
public sealed class SourceLinesTests
{
    private static readonly SourceLines Program = new("001.yaml", 342, new Dictionary<string, int>
    {
        ["results[0]"] = 369, ["results[1]"] = 370, ["year_notes[0]"] = 374, ["items[1]"] = 50, ["items[2]"] = 100, ["items[12]"] = 200,
    });

    private static RpcException Refusal(StatusCode code, params IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = "refused" };
        status.Details.AddRange(details.Select(Any.Pack));
        return status.ToRpcException();
    }

    private static BadRequest Violation(string field) =>
        new() { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = "bad" } } };

    [Fact]
    public void AFieldViolationPointsAtTheLineOfTheRowOrItemItNames()
    {
        Assert.Equal(370, Program.LineOf(Refusal(StatusCode.InvalidArgument, Violation("results[1].awards_new"))));
        Assert.Equal(374, Program.LineOf(Refusal(StatusCode.InvalidArgument, Violation("year_notes[0].note"))));
        // items[12] is not items[1]…: the longest known path that the field really starts with.
        Assert.Equal(200, Program.LineOf(Refusal(StatusCode.InvalidArgument, Violation("items[12].fields.title"))));
        Assert.Equal(100, Program.LineOf(Refusal(StatusCode.InvalidArgument, Violation("items[2]"))));
    }

    [Fact]
    public void RecordedResultsThatDifferPointAtTheRowOfTheirResultIndex() =>
        Assert.Equal(369, Program.LineOf(Refusal(StatusCode.FailedPrecondition,
            new ErrorInfo { Reason = "RECORDED_RESULTS_DIFFER", Metadata = { ["result_index"] = "0", ["course"] = "チャレンジ" } })));

    [Fact]
    public void ARefusalWithoutAKnownFieldPointsAtThePartItWasMadeFor()
    {
        Assert.Equal(342, Program.LineOf(Refusal(StatusCode.InvalidArgument, Violation("municipality_code"))));
        Assert.Equal(342, Program.LineOf(new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "down"))));
    }
}
