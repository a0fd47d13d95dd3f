using System.IO.Compression;
using System.Net;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Compression;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.Gateway.Tests;

/// <summary>
/// The gateway's message and body caps refuse before anything is forwarded: the probe inside the
/// plan service sees no HTTP request at all, which it would even for a message the service
/// itself would then refuse for its size. Compressed messages are measured inflated.
/// </summary>
public sealed class MessageSizeAtTheGatewayTests(GatewayFixture system) : IClassFixture<GatewayFixture>
{
    private static string NewCaller() => TestAuth.Mint(new TokenRequest($"caller-{Guid.NewGuid():N}", "35203", [KyodoRoles.Admin]));

    // Makes the grpc-dotnet client compress this call's request message with the named encoding.
    private static Metadata Compressed(string token, string encoding = "gzip") =>
        new() { { "authorization", "Bearer " + token }, { "grpc-internal-encoding-request", encoding } };

    private static ListPlansRequest ListWithToken(int length) =>
        new() { MunicipalityCode = "35203", Page = new PageRequest { PageToken = new string('a', length) } };

    [Fact]
    public async Task AnOversizedGrpcMessageIsResourceExhaustedAndNoRequestReachesTheService()
    {
        var token = NewCaller();
        var plans = new PlanService.PlanServiceClient(system.Gateway.BareChannel);
        // 5 MB of name: over the gateway's 4 MiB default (and the service's own cap).
        var huge = new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "35203", Name = "山口市" },
            Name = new string('x', 5_000_000), StartFiscalYear = "2020", EndFiscalYear = "2024",
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => plans.CreatePlanAsync(huge, RunningGateway.Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("the gateway accepts at most 4194304", error.Status.Detail);
        Assert.Equal(0, system.PlanProbe.RequestsWith(token));
    }

    [Fact]
    public async Task AWriteTheServiceWouldAcceptIsRefusedOverTheGatewaysCapAndChangesNothing()
    {
        await using var small = await system.StartGatewayAsync(new() { ["Gateway:MaxGrpcMessageBytes"] = "4096" });
        var everything = new PlanService.PlanServiceClient(system.Gateway.App.Channel);
        var plan = (await everything.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "35203", Name = "山口市" },
            Name = $"大きな項目の計画 {Guid.NewGuid():N}", StartFiscalYear = "2020", EndFiscalYear = "2024",
        })).Plan;
        var node =
            (await everything.CreateNodeAsync(new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "協働" })).Node;
        // About 9 KB: over this gateway's 4096 bytes, far under the service's 4 MiB and its 20,000-character fields.
        var item = new CreateItemRequest
        {
            PlanId = plan.Id,
            Fields = new ItemFields
            {
                Title = "市民活動支援事業", Departments = { "協働推進課" },
                Content = string.Concat(Enumerable.Repeat("市民活動の支援", 430))
            },
            Placements = { new PlacementInput { NodeId = node.Id, Primary = true } },
        };
        var token = TestAuth.SystemTokenAs($"writer-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new PlanService.PlanServiceClient(small.BareChannel).CreateItemAsync(item, RunningGateway.Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("the gateway accepts at most 4096", error.Status.Detail);
        Assert.Equal(0, system.PlanProbe.RequestsWith(token));
        var items = new ListItemsRequest { MunicipalityCode = "35203", PlanId = plan.Id };
        Assert.Empty((await everything.ListItemsAsync(items)).Items);
        // The same message through a gateway with the default cap: the service takes it.
        var created =
            (await new PlanService.PlanServiceClient(system.Gateway.BareChannel).CreateItemAsync(item, RunningGateway.Bearer(token))).Item;
        Assert.Equal(item.Fields.Content, created.Fields.Content);
    }

    [Fact]
    public async Task AMessageUnderTheCapPassesAndTheCapComesFromConfiguration()
    {
        await using var gateway = await system.StartGatewayAsync(new() { ["Gateway:MaxGrpcMessageBytes"] = "2048" });
        var token = NewCaller();
        var plans = new PlanService.PlanServiceClient(gateway.BareChannel);

        // A 3000-byte message is over this gateway's 2048; a small one passes (and the service answers).
        var error = await Assert.ThrowsAsync<RpcException>(
            () => plans.ListPlansAsync(ListWithToken(3000), RunningGateway.Bearer(token)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, system.PlanProbe.RequestsWith(token));

        await plans.ListPlansAsync(new ListPlansRequest { MunicipalityCode = "35203" }, RunningGateway.Bearer(token));
        Assert.Equal(1, system.PlanProbe.CountWith(token));
    }

    [Fact]
    public async Task AGzipMessageIsMeasuredInflatedSoASmallFrameOverTheCapNeverReachesTheService()
    {
        await using var gateway = await system.StartGatewayAsync(new() { ["Gateway:MaxGrpcMessageBytes"] = "2048" });
        var token = NewCaller();
        var plans = new PlanService.PlanServiceClient(gateway.BareChannel);

        // 3000 bytes of 'a' compress to a frame of a few dozen bytes, under the 2048 on the wire.
        var error =
            await Assert.ThrowsAsync<RpcException>(() => plans.ListPlansAsync(ListWithToken(3000), Compressed(token)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("decompresses to more than 2048 bytes", error.Status.Detail);
        Assert.Equal(0, system.PlanProbe.RequestsWith(token));

        // Compressed and within the cap: forwarded, and the service reads it.
        var answered = await plans.ListPlansAsync(new ListPlansRequest { MunicipalityCode = "35203" }, Compressed(token));
        Assert.NotNull(answered.Page);
        Assert.Equal(1, system.PlanProbe.CountWith(token));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task ABombUnderTheDefaultCapOnTheWireIsRefusedBeforeTheService(string encoding)
    {
        var token = NewCaller();
        var plans = new PlanService.PlanServiceClient(system.Gateway.BareChannel);
        // 5 MB of name inflated, a few dozen kilobytes on the wire.
        var bomb = new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "35203", Name = "山口市" },
            Name = new string('x', 5_000_000)
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => plans.CreatePlanAsync(bomb, Compressed(token, encoding)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("decompresses to more than 4194304 bytes", error.Status.Detail);
        Assert.Equal(0, system.PlanProbe.RequestsWith(token));
    }

    [Fact]
    public async Task AMessageInAnEncodingTheGatewayCannotMeasureIsUnimplementedThere()
    {
        var token = NewCaller();
        using var brotli = GrpcChannel.ForAddress(system.Gateway.App.GrpcAddress,
            new GrpcChannelOptions { CompressionProviders = [new BrotliProvider()] });

        var error = await Assert.ThrowsAsync<RpcException>(() => new PlanService.PlanServiceClient(brotli)
            .ListPlansAsync(new ListPlansRequest { MunicipalityCode = "35203" }, Compressed(token, "br")).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("compressed as 'br'; the gateway accepts gzip and deflate", error.Status.Detail);
        Assert.Equal(0, system.PlanProbe.RequestsWith(token));
    }

    /// <summary>An encoding neither the gateway nor the services know.</summary>
    private sealed class BrotliProvider : ICompressionProvider
    {
        public string EncodingName => "br";
        public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
            new BrotliStream(stream, compressionLevel ?? CompressionLevel.Fastest, leaveOpen: true);
        public Stream CreateDecompressionStream(Stream stream) => new BrotliStream(stream, CompressionMode.Decompress);
    }

    [Fact]
    public async Task AnOversizedRestBodyIs413BeforeTheServiceSeesIt()
    {
        var token = NewCaller();
        using var http = system.Gateway.Rest(token);
        var body = $$"""{"municipality":{"code":"35203","name":"山口市"},"name":"{{new string('x', 1_100_000)}}","""
            + "\"startFiscalYear\":\"2020\",\"endFiscalYear\":\"2024\"}";

        using var response = await http.PostAsync("/plan/v1/plans", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("the gateway accepts at most 1048576", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, system.PlanProbe.RequestsWith(token));
    }
}
