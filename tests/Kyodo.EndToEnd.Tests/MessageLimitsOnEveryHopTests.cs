using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults;
using Kyodo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.EndToEnd.Tests;

// The 4 MiB cap holds on every hop, not only at the gateway: a service refuses a larger message
// sent straight to it (compressed ones measured inflated) and changes nothing; it does not send
// a larger answer; and its service-to-service clients neither send nor accept one.
public sealed class MessageLimitsOnEveryHopTests(MessageLimitsFixture system) : IClassFixture<MessageLimitsFixture>
{
    private const int Cap = ServiceDefaultsExtensions.MaxMessageBytes;

    private static string NewCaller() => TestAuth.SystemTokenAs($"limits-{Guid.NewGuid():N}");

    private static Metadata As(string token, bool compressed = false)
    {
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        if (compressed) headers.Add("grpc-internal-encoding-request", "gzip");
        return headers;
    }

    /// <summary>A client channel without the gRPC client's own 4 MiB receive cap, so only the server's limits show.</summary>
    private static GrpcChannel Uncapped(ServiceUnderTest service) =>
        GrpcChannel.ForAddress(service.GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });

    /// <summary>Item text the plan service accepts: 19,500 characters (58,500 bytes) in each of seven fields, about 410 KB an
    /// item.</summary>
    private static ItemFields LongItem(int i)
    {
        var longText = string.Concat(Enumerable.Repeat("協働のまちづくりを推進します。", 1300));
        return new ItemFields
        {
            Title = $"事業 {i}", Departments = { "協働推進課" }, Purpose = longText, CurrentState = longText, Content = longText,
            CompletionCriterion = longText, ExpectedEffects = longText, SpecialNotes = longText,
            TargetStakeholders = { Stakeholder.Other }, TargetOther = longText,
        };
    }

    /// <summary>A whole-plan import of <paramref name="items"/> such items under one node: every field within its limits.</summary>
    private static ImportPlanRequest ImportOf(string city, string name, int items) => new()
    {
        Municipality = new MunicipalityRef { Code = city, Name = "上限市" },
        Name = name, StartFiscalYear = "2020", EndFiscalYear = "2024",
        Nodes = { new ImportNode { LevelName = "施策", Code = "1", Title = "協働" } },
        Items = { Enumerable.Range(0, items).Select(
            i => new ImportItem { Fields = LongItem(i), Placements = { new ImportPlacement { NodePath = { "1" }, Code = $"{i + 1}" } } }) },
    };

    /// <summary>
    /// <paramref name="message"/> with <paramref name="bytes"/> more in a field number its schema does not
    /// know (1000): protobuf parses such a field and skips it, as a service does a newer client's field.
    /// </summary>
    private static T WithUnknownField<T>(T message, int bytes) where T : IMessage<T>, new()
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        message.WriteTo(output);
        output.WriteTag(1000, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(new byte[bytes]));
        output.Flush();
        return new MessageParser<T>(() => new T()).ParseFrom(buffer.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // a few kilobytes on the wire, 5 MB inflated
    public async Task APlanMessageAboveTheCapSentStraightToTheServiceIsRefusedAndChangesNothing(bool compressed)
    {
        var city = compressed ? "99711" : "99712";
        var token = NewCaller();
        using var channel = Uncapped(system.Plan);
        var plans = new PlanService.PlanServiceClient(channel);
        // Thirteen items the service would import, were they not together over the cap.
        var huge = ImportOf(city, "大きすぎる計画", items: 13);
        Assert.True(huge.CalculateSize() > Cap, $"the import is {huge.CalculateSize()} bytes");

        var error = await Assert.ThrowsAsync<RpcException>(() => plans.ImportPlanAsync(huge, As(token, compressed)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("Received message exceeds the maximum configured message size.", error.Status.Detail);
        Assert.Equal(0, system.PlanProbe.CountWith(token));
        var reader = new PlanService.PlanServiceClient(system.Plan.Channel);
        Assert.Empty((await reader.ListPlansAsync(new ListPlansRequest { MunicipalityCode = city })).Plans);

        // What proves the size was the only reason: nine of the same items, under the cap, are imported.
        var underCap = ImportOf(city, "上限内の計画", items: 9);
        Assert.True(underCap.CalculateSize() < Cap, $"the import is {underCap.CalculateSize()} bytes");
        var imported = await plans.ImportPlanAsync(underCap, As(NewCaller(), compressed));
        Assert.Equal(9, imported.ItemCount);
        Assert.Equal(["上限内の計画"], (await reader.ListPlansAsync(new ListPlansRequest { MunicipalityCode = city })).Plans.Select(p => p.Name));
    }

    [Fact]
    public async Task ABudgetMessageAboveTheCapSentStraightToTheServiceIsRefusedAndChangesNothing()
    {
        const string city = "99713";
        var writer = new PlanService.PlanServiceClient(system.Plan.Channel);
        var plan = (await writer.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = city, Name = "上限市" }, Name = "予算の計画", StartFiscalYear = "2020",
            EndFiscalYear = "2024"
        })).Plan;
        var node =
            (await writer.CreateNodeAsync(new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "協働" })).Node;
        var item = (await writer.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "市民活動支援事業", Departments = { "協働推進課" } },
            Placements = { new PlacementInput { NodeId = node.Id, Primary = true } },
        })).Item;
        var line = new CreateBudgetLineRequest
        {
            MunicipalityCode = city, ItemId = item.Id, FiscalYear = 2024,
            Funding = new FundingBreakdown { CostYen = 100, GeneralRevenueYen = 100 },
        };
        // No budget request has a field that holds megabytes: the bulk rides in one the service skips.
        var token = NewCaller();
        using var channel = Uncapped(system.Budget);
        var budgets = new BudgetService.BudgetServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(
            () => budgets.CreateBudgetLineAsync(WithUnknownField(line, 5_000_000), As(token)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, system.BudgetProbe.CountWith(token));
        Assert.Equal(0, system.GenerousPlanProbe.CountWith(token)); // it never got as far as asking for the item
        var reader = new BudgetService.BudgetServiceClient(system.Budget.Channel);
        Assert.Empty((await reader.ListBudgetLinesAsync(new ListBudgetLinesRequest { MunicipalityCode = city })).Lines);

        // What proves the size was the only reason: the same line with 3 MB in that field is created.
        var created = (await budgets.CreateBudgetLineAsync(WithUnknownField(line, 3_000_000), As(NewCaller()))).Line;
        Assert.Equal(created.Id,
            Assert.Single((await reader.ListBudgetLinesAsync(new ListBudgetLinesRequest { MunicipalityCode = city })).Lines).Id);
    }

    [Fact]
    public async Task AServiceToServiceClientRefusesToSendAMessageAboveTheCap()
    {
        var token = NewCaller();
        // The budget service's own client of the plan service, as its handlers use it.
        var plans = system.Budget.Services.GetRequiredService<PlanService.PlanServiceClient>();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            plans.GetItemAsync(new GetItemRequest { Id = new string('x', 5_000_000) }, As(token)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        // Refused by the client itself, which says "Sending"; the server would have said "Received".
        Assert.Equal("Sending message exceeds the maximum configured message size.", error.Status.Detail);
        Assert.Equal(0, system.GenerousPlanProbe.CountWith(token));
    }

    [Fact]
    public async Task AServiceNeitherSendsNorItsServiceToServiceClientsAcceptAnAnswerAboveTheCap()
    {
        // Twelve items of about 400 KB each (every write well under the cap): listing them all is about 5 MB.
        var writer = new PlanService.PlanServiceClient(system.Plan.Channel);
        const string city = "99714";
        var plan = (await writer.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = city, Name = "上限市" }, Name = "大きな計画", StartFiscalYear = "2020",
            EndFiscalYear = "2024"
        })).Plan;
        var node =
            (await writer.CreateNodeAsync(new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "協働" })).Node;
        var longText = string.Concat(Enumerable.Repeat("協働のまちづくりを推進します。", 1300)); // 19,500 characters, 58,500 bytes
        for (var i = 0; i < 12; i++)
        {
            await writer.CreateItemAsync(new CreateItemRequest
            {
                PlanId = plan.Id,
                Fields = new ItemFields
                {
                    Title = $"事業 {i}", Departments = { "協働推進課" }, Purpose = longText, CurrentState = longText, Content = longText,
                    CompletionCriterion = longText, ExpectedEffects = longText, SpecialNotes = longText,
                    TargetStakeholders = { Stakeholder.Other }, TargetOther = longText,
                },
                Placements = { new PlacementInput { NodeId = node.Id, Primary = true } },
            });
        }
        var list = new ListItemsRequest { MunicipalityCode = city, PlanId = plan.Id, Page = new PageRequest { PageSize = 50 } };
        var token = NewCaller();

        // The replica without a send cap does send it, to a client that takes any size...
        using var uncapped = Uncapped(system.GenerousPlan);
        var all = await new PlanService.PlanServiceClient(uncapped).ListItemsAsync(list, As(token));
        Assert.Equal(12, all.Items.Count);
        Assert.True(all.CalculateSize() > Cap, $"the answer is {all.CalculateSize()} bytes");
        // ...but the plan service as deployed will not send it,
        using var toPlan = Uncapped(system.Plan);
        var notSent = await Assert.ThrowsAsync<RpcException>(
            () => new PlanService.PlanServiceClient(toPlan).ListItemsAsync(list, As(token)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, notSent.StatusCode);
        // ...and the budget service's client of the plan service refuses to take it.
        var budgetsClient = system.Budget.Services.GetRequiredService<PlanService.PlanServiceClient>();
        var notTaken = await Assert.ThrowsAsync<RpcException>(() => budgetsClient.ListItemsAsync(list, As(token)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, notTaken.StatusCode);
        Assert.Equal("Received message exceeds the maximum configured message size.", notTaken.Status.Detail);
    }
}
