using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// What a careless or hostile caller sends is answered INVALID_ARGUMENT saying what is wrong, never
/// UNKNOWN or INTERNAL, and changes nothing: a message that cannot be read, a body that cannot be
/// inflated, NUL and control characters, text over its length, JSON that is not JSON.
/// </summary>
public sealed class HostileInputTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private static readonly Method<byte[], byte[]> RawListPlans = new(MethodType.Unary, PlanService.Descriptor.FullName, "ListPlans",
        Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    private static readonly HttpClient Http = new(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(30) };

    // Each is a ListPlansRequest that no protobuf parser can read.
    public static TheoryData<string, byte[]> Unreadable => new()
    {
        { "invalid UTF-8 in a string", [0x0A, 0x02, 0xC3, 0x28] },
        { "a wire type that does not exist", [0x0F, 0x01] }, // field 1, wire type 7
        { "a varint longer than ten bytes", [0x10, .. Enumerable.Repeat((byte)0xFF, 11), 0x01] },
        { "a length past the end", [0x0A, 0x7F, 0x41] },
        { "field number zero", [0x00, 0x01] },
        { "nesting beyond 100", Nested(150) },
    };

    /// <summary>An unknown group (field 15) holding itself <paramref name="depth"/> times: beyond the parser's recursion limit.</summary>
    private static byte[] Nested(int depth) => [.. Enumerable.Repeat((byte)0x7B, depth), .. Enumerable.Repeat((byte)0x7C, depth)];

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task AMessageThatCannotBeReadIsInvalidArgumentSayingSoThroughTheGatewayAndStraightToTheService(string what, byte[] message)
    {
        foreach (var channel in new[] { system.Gateway.Channel, system.Plan.Channel })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker()
                .AsyncUnaryCall(RawListPlans, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), message).ResponseAsync);

            Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{what}: {error.StatusCode} {error.Status.Detail}");
            Assert.StartsWith("The request message could not be read as ListPlansRequest", error.Status.Detail);
        }
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task ACompressedMessageThatCannotBeInflatedIsInvalidArgumentAtTheGatewayAndAtTheService(string encoding)
    {
        foreach (var target in new[] { system.Gateway.GrpcAddress, system.Plan.GrpcAddress })
        {
            byte[] garbage = [.. "not compressed at all"u8];
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, $"/{PlanService.Descriptor.FullName}/ListPlans"))
            {
                Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent([1, 0, 0, 0, (byte)garbage.Length, .. garbage]),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            request.Headers.Add("grpc-encoding", encoding);
            request.Headers.Add("te", "trailers");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestAuth.SystemToken());

            using var response = await Http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
                : response.Headers.GetValues("grpc-status").Single();
            var message = Uri.UnescapeDataString(response.TrailingHeaders.TryGetValues("grpc-message", out var m) ? m.Single()
                : response.Headers.GetValues("grpc-message").Single());

            Assert.True(status == ((int)StatusCode.InvalidArgument).ToString(), $"{target}: {status} {message}");
            Assert.Contains(encoding, message);
        }
    }

    [Fact]
    public async Task ANulCharacterInATrendsAccountPathIsInvalidArgumentNamingTheField()
    {
        var error =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => new ReportingService.ReportingServiceClient(system.Gateway.Channel)
            .GetTrendAsync(
                new TrendRequest { MunicipalityCode = "20208", AccountPath = "一般会計\0/2 総務費", FiscalYearFrom = 2019 }).ResponseAsync);

        Assert.Equal("must not contain a NUL character (U+0000) (character 5)", RpcAssert.FieldViolations(error)["account_path"]);
    }

    [Fact]
    public async Task TextOverItsLengthOrHoldingAControlCharacterIsRefusedByFieldAndNothingIsStored()
    {
        var plans = new PlanService.PlanServiceClient(system.Gateway.Channel);
        var name = $"制御文字の計画 {Guid.NewGuid():N}";

        var error = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "35411", Name = new string('市', 40_000) },
            Name = name + "\u0001", StartFiscalYear = "H20\n", EndFiscalYear = "H24",
        }).ResponseAsync);

        var violations = RpcAssert.FieldViolations(error);
        Assert.Equal("must be at most 100 characters (it has 40,000)", violations["municipality.name"]);
        Assert.Equal($"must not contain the control character U+0001 (character {name.Length + 1})", violations["name"]);
        Assert.StartsWith("must be one line", violations["start_fiscal_year"]);
        Assert.True(error.Status.Detail.Length <= 500);
        Assert.Empty((await plans.ListPlansAsync(new ListPlansRequest { MunicipalityCode = "35411" })).Plans);
    }

    [Fact]
    public async Task AnotherCitysOverlongMunicipalityCodeIsRefusedWithAShortAnswer()
    {
        var viewer = TestAuth.UserToken("20208", KyodoRoles.Viewer);
        var code = new string('9', 40_000);

        var error =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => new PlanService.PlanServiceClient(system.Gateway.ChannelAs(viewer))
            .ListPlansAsync(new ListPlansRequest { MunicipalityCode = code }).ResponseAsync);

        Assert.Equal("must be at most 16 characters (it has 40,000)", RpcAssert.FieldViolations(error)["municipality_code"]);
        Assert.DoesNotContain("99999999999999999999",
            error.Status.Detail + string.Join("", error.Trailers.Select(t => t.IsBinary ? "" : t.Value)));
    }

    public static TheoryData<string, string> UnreadableJson => new()
    {
        { "not JSON", "{\"municipality\": " },
        { "a lone surrogate", "{\"municipality\":{\"code\":\"35412\",\"name\":\"\\ud800\"},\"name\":\"x\",\"startFiscalYear\":\"2020\","
            + "\"endFiscalYear\":\"2021\"}" },
        { "a string for a message", "{\"municipality\":\"35412\"}" },
        { "an unknown field", "{\"colour\":\"red\"}" },
        { "a number too large", "{\"municipality\":{\"code\":\"35412\"},\"name\":\"x\",\"startFiscalYear\":1e400}" },
    };

    [Theory]
    [MemberData(nameof(UnreadableJson))]
    public async Task ARestBodyThatCannotBeReadIsBadRequestSayingWhatNeverAServerError(string what, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.Gateway.RestAddress, "/plan/v1/plans"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestAuth.SystemToken());

        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {body}");
        Assert.Equal((int)StatusCode.InvalidArgument, JsonDocument.Parse(body).RootElement.GetProperty("code").GetInt32());
        Assert.Empty((await new PlanService.PlanServiceClient(system.Gateway.Channel).ListPlansAsync(
            new ListPlansRequest { MunicipalityCode = "35412" })).Plans);
    }
}
